namespace Mocks.Common.Latency;

/// <summary>
/// An optional requests-per-second ceiling, as a provider enforces on an account: requests beyond
/// it wait for the next free slot (queueing, like a saturated service), they are not refused.
/// </summary>
public sealed class RateLimiter(double requestsPerSecond, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _gate = new();
    private DateTimeOffset _nextFree = DateTimeOffset.MinValue;

    public bool Unlimited => requestsPerSecond <= 0;

    /// <summary>How long this request must wait for its slot (zero when unlimited or under the ceiling).</summary>
    public TimeSpan Reserve()
    {
        if (Unlimited) return TimeSpan.Zero;
        var interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var slot = _nextFree > now ? _nextFree : now;
            _nextFree = slot + interval;
            return slot - now;
        }
    }
}
