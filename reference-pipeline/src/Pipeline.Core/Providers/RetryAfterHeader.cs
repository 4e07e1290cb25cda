using System.Globalization;

namespace Pipeline.Core.Providers;

/// <summary>
/// Reads a provider's explicit wait from <c>retry-after-ms</c> or <c>Retry-After</c> (seconds or HTTP date).
/// The milliseconds header wins, as in OpenAI's own client (openai-node reads <c>retry-after-ms</c> first).
/// The one reader of these headers, for the queue's retry and the throttle's pause alike.
/// </summary>
public static class RetryAfterHeader
{
    public const string Milliseconds = "retry-after-ms";
    public const string Standard = "Retry-After";

    /// <summary>The wait an answer asks for, from its headers (<paramref name="header"/> looks one up by name, null when absent).</summary>
    public static TimeSpan? From(Func<string, string?> header, DateTimeOffset now) => Parse(header(Milliseconds), header(Standard), now);

    public static TimeSpan? Parse(string? retryAfterMs, string? retryAfter, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            return TimeSpan.FromMilliseconds(ms);
        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}
