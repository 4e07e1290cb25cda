using Acceptance.Support.Environment;

namespace Acceptance.Support.Drivers;

/// <summary>Makes the mock OpenAI misbehave the ways the real one does, and shows what the pipeline sent it.</summary>
public sealed class MockOpenAiDriver(IPipelineEnvironment environment) : MockAdminDriver(environment.Mocks?.OpenAi, "mock OpenAI")
{
    public Task RateLimitAsync(int requests, TimeSpan retryAfter) =>
        SetFaultsAsync(new { kind = "rate-limit", count = requests, retryAfterMs = (int)retryAfter.TotalMilliseconds });

    public Task FailWithServerErrorsAsync(TimeSpan during) =>
        SetFaultsAsync(new { kind = "outage", durationMs = (int)during.TotalMilliseconds });

    public Task SlowDownAsync(TimeSpan latency) => SetFaultsAsync(new { kind = "latency", latencyMs = (int)latency.TotalMilliseconds });

    /// <summary>
    /// An account limited to <paramref name="requests"/> embeddings per <paramref name="window"/>: the mock
    /// counts down x-ratelimit-remaining-requests and refuses the rest of each window with 429
    /// rate_limit_exceeded and no Retry-After, as OpenAI often answers.
    /// </summary>
    public Task LimitRequestsAsync(int requests, TimeSpan window) =>
        SetFaultsAsync(new { kind = "request-limit", requestsPerWindow = requests, windowMs = (int)window.TotalMilliseconds });

    public Task ReportNoQuotaAsync() => SetFaultsAsync(new { kind = "insufficient-quota" });

    /// <summary>
    /// Every answer lists its vectors in reverse order, each keeping its own <c>index</c>: OpenAI promises the
    /// index, not the order, so a pipeline that pairs vectors with chunks by position stores them crosswise.
    /// </summary>
    public Task ListVectorsOutOfOrderAsync() => SetFaultsAsync(new { kind = "out-of-order" });

    /// <summary>The embeddings calls only: the request log also holds the workers' key checks (GET /v1/models).</summary>
    public async Task<IReadOnlyList<EmbeddingRequest>> EmbeddingRequestsAsync() =>
        (await RequestLogAsync<EmbeddingRequest>()).Where(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal)).ToList();
}

/// <summary>
/// One request the mock OpenAI received: when, what it answered, how many inputs it carried, and for a
/// rate-limit refusal how long until the limit it hit resets.
/// </summary>
public sealed record EmbeddingRequest(DateTimeOffset ReceivedAt, string Path, int Status, int? InputCount, string? Fault, int? RetryAfterMs = null)
{
    /// <summary>Answered with vectors.</summary>
    public bool Succeeded => Status == 200;

    /// <summary>Refused by the rate limit (429): the caller must hold back until the limit resets.</summary>
    public bool RateLimited => Status == 429;

    /// <summary>OpenAI's own failure (5xx): the same request may succeed later.</summary>
    public bool ServerError => Status >= 500;
}
