namespace Pipeline.Core.Queue;

/// <summary>
/// Exponential backoff with full jitter: the n-th failure waits a uniform random time in
/// [0, min(max, base * 2^(n-1))]. A provider's Retry-After wins when it is longer.
/// </summary>
public static class RetryBackoff
{
    public static TimeSpan Ceiling(int failureNumber, int baseMs, int maxMs)
    {
        var exponent = Math.Clamp(failureNumber - 1, 0, 30);
        var ceiling = Math.Min((double)maxMs, baseMs * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling);
    }

    public static TimeSpan Delay(int failureNumber, int baseMs, int maxMs, TimeSpan? retryAfter, Random random)
    {
        var jittered = TimeSpan.FromMilliseconds(random.NextDouble() * Ceiling(failureNumber, baseMs, maxMs).TotalMilliseconds);
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }
}
