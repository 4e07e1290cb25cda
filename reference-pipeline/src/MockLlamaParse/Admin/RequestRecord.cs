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
