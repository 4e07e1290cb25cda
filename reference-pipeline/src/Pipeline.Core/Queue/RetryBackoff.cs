namespace Pipeline.Core.Queue;

/// <summary>
/// Exponential backoff with "equal jitter": the n-th failure waits a uniform random time in
/// [c/2, c] where c = min(max, base * 2^(n-1)). Half of the wait is fixed, so waits never shrink
/// from one failure to the next (until the cap) and a burst of failures cannot retry almost at once;
/// the random half still spreads the retries of many jobs. A provider's Retry-After wins when longer.
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
        var ceiling = Ceiling(failureNumber, baseMs, maxMs).TotalMilliseconds;
        var jittered = TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }
}
