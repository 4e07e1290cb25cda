using Microsoft.Extensions.Options;
using Mocks.Common.Latency;

namespace MockOpenAi.Embeddings;

/// <summary>
/// How long an embeddings request takes before the mock answers: a draw from the configured
/// log-normal profile (median <c>LatencyMs</c>, jitter <c>LatencySpread</c>, seeded by
/// <c>LatencySeed</c>) plus, when <c>RequestsPerSecond</c> is set, the wait for a free slot under
/// that ceiling, like an account at its rate limit.
/// </summary>
public sealed class EmbeddingLatency(IOptions<MockOpenAiOptions> options)
{
    private readonly LatencyProfile _profile = new(options.Value.LatencyMs, options.Value.LatencySpread, 0, options.Value.LatencySeed);
    private readonly RateLimiter _ceiling = new(options.Value.RequestsPerSecond);

    public TimeSpan Next() => _ceiling.Reserve() + _profile.Next();
}
