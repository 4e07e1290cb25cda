using System.Collections.Concurrent;

namespace MockOpenAi.Admin;

/// <summary>One request the mock answered, as <c>GET /admin/requests</c> shows it.</summary>
public sealed record RequestRecord(
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    int Status,
    int? InputCount,
    int? TotalTokens,
    string RequestId,
    string? Fault,
    IReadOnlyDictionary<string, string> RetryHeaders);

/// <summary>Details the embeddings handler adds to the current request's log entry.</summary>
public sealed class RequestDetails
{
    public int? InputCount { get; set; }
    public int? TotalTokens { get; set; }
    public string? Fault { get; set; }
}

/// <summary>In-memory log of served requests, oldest first, capped so a long run cannot exhaust memory.</summary>
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
