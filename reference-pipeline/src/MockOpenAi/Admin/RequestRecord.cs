namespace MockOpenAi.Admin;

/// <summary>One request the mock answered, as <c>GET /admin/requests</c> shows it (<c>RetryAfterMs</c>: the wait a refusal announced).</summary>
public sealed record RequestRecord(
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    int Status,
    int? InputCount,
    int? TotalTokens,
    string RequestId,
    string? Fault,
    IReadOnlyDictionary<string, string> RetryHeaders,
    int? RetryAfterMs = null);

/// <summary>Details the embeddings handler adds to the current request's log entry.</summary>
public sealed class RequestDetails
{
    public int? InputCount { get; set; }
    public int? TotalTokens { get; set; }
    public string? Fault { get; set; }

    /// <summary>On a refusal by the limits in force: how long until the window resets (the wait the answer announced).</summary>
    public int? RetryAfterMs { get; set; }
}
