using System.Collections.Concurrent;

namespace MockLlamaParse.Admin;

/// <summary>
/// One entry of <c>GET /admin/requests</c>: a request the mock answered (<c>kind</c> "request") or a
/// webhook delivery attempt it made (<c>kind</c> "webhook", <c>path</c> = target URL, status 0 = no answer).
/// </summary>
public sealed record RequestRecord(
    string Kind,
    DateTimeOffset At,
    string Method,
    string Path,
    int Status,
    string? RequestId = null,
    string? JobId = null,
    string? FileName = null,
    string? Fault = null,
    int? Attempt = null,
    string? Error = null,
    IReadOnlyDictionary<string, string>? RetryHeaders = null);

/// <summary>Details endpoints add to the current request's log entry.</summary>
public sealed class RequestDetails
{
    public string? JobId { get; set; }
    public string? FileName { get; set; }
    public string? Fault { get; set; }
}

/// <summary>In-memory log, oldest first, capped so a long run cannot exhaust memory.</summary>
public sealed class RequestLog
{
    private const int Capacity = 10_000;
    private readonly ConcurrentQueue<RequestRecord> _records = new();

    public void Add(RequestRecord record)
    {
        _records.Enqueue(record);
        while (_records.Count > Capacity && _records.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<RequestRecord> Snapshot() => _records.ToArray();

    public void Clear() => _records.Clear();
}
