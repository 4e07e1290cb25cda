using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Core.Queue;

namespace Pipeline.Core.Providers;

/// <summary>What a provider's answer says about its limits: a 429, its retry-after-ms or Retry-After, and the x-ratelimit-* headers.</summary>
public sealed record RateLimitSignal(bool RateLimited, TimeSpan? RetryAfter, int? RemainingRequests, TimeSpan? ResetRequests,
    int? RemainingTokens, TimeSpan? ResetTokens)
{
    public static RateLimitSignal From(int status, Func<string, string?> header) => new(
        status == 429,
        RetryAfterHeader.From(header, DateTimeOffset.UtcNow),
        Int(header("x-ratelimit-remaining-requests")), GoDuration.Parse(header("x-ratelimit-reset-requests")),
        Int(header("x-ratelimit-remaining-tokens")), GoDuration.Parse(header("x-ratelimit-reset-tokens")));

    /// <summary>
    /// When the headers say a limit is used up (remaining 0), the longest of those limits' resets: the
    /// wait a 429 without Retry-After still states (OpenAI's rate-limit guide, "Rate limits in headers").
    /// </summary>
    public TimeSpan? ExhaustedUntilReset =>
        new[] { RemainingRequests == 0 ? ResetRequests : null, RemainingTokens == 0 ? ResetTokens : null }.Max();

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>
/// Client-side limits for one provider in this process: at most <c>maxConcurrency</c> calls at once,
/// and a shared pause that every call waits out before it is sent. The pause comes from the provider:
/// its retry-after-ms or Retry-After on a 429; when a 429 has none (OpenAI often sends none), exponential backoff with
/// jitter; and before any 429, the reset time of <c>x-ratelimit-remaining-*: 0</c>. So after one 429
/// the other slots do not keep firing into the limit: the requests after a 429 stay few.
/// A 429 without Retry-After that still says when its used-up limit resets (x-ratelimit-remaining-*: 0
/// with x-ratelimit-reset-*) is waited out to that reset; only a 429 that says nothing gets backoff.
/// </summary>
public sealed class ProviderThrottle(int maxConcurrency, int backoffBaseMs = 500, int backoffMaxMs = 30_000, Random? random = null)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrency));
    private readonly Lock _gate = new();
    private readonly Random _random = random ?? Random.Shared;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _rateLimitedInARow;

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    /// <summary>
    /// Whether the wait a 429 states (its Retry-After, else its x-ratelimit reset) sets the pause. Always true in production; the test-only defect
    /// <c>ignore-retry-after</c> turns it off so the suite can show it notices.
    /// </summary>
    public bool HonoursRetryAfter { get; set; } = true;

    /// <summary>
    /// False: calls go straight out, with no cap and no pause (what a client without limits does).
    /// Always true in production; the test-only defect <c>unthrottled-openai</c> turns it off.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>429s this throttle has seen (for evidence: they must stay few).</summary>
    public int RateLimitedCount { get; private set; }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        if (!Enabled) return await call(ct);
        await _slots.WaitAsync(ct);
        try
        {
            TimeSpan wait;
            while ((wait = PauseLeft()) > TimeSpan.Zero)
            {
                // Waiting out the provider's own limit is the behaviour, not synchronisation.
                await Task.Delay(wait, ct);
            }
            return await call(ct);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Takes in what an answer said about the limits.</summary>
    public void Observe(RateLimitSignal signal)
    {
        lock (_gate)
        {
            TimeSpan? pause = null;
            if (signal.RateLimited)
            {
                RateLimitedCount++;
                _rateLimitedInARow++;
                pause = (HonoursRetryAfter ? signal.RetryAfter ?? signal.ExhaustedUntilReset : null)
                        ?? RetryBackoff.Delay(_rateLimitedInARow, backoffBaseMs, backoffMaxMs, null, _random);
            }
            else
            {
                _rateLimitedInARow = 0;
                if (signal.RemainingRequests == 0) pause = signal.ResetRequests;
                if (signal.RemainingTokens == 0 && signal.ResetTokens > (pause ?? TimeSpan.Zero)) pause = signal.ResetTokens;
            }
            if (pause is { } p && DateTimeOffset.UtcNow + p > _pausedUntil) _pausedUntil = DateTimeOffset.UtcNow + p;
        }
    }

    private TimeSpan PauseLeft()
    {
        lock (_gate) return _pausedUntil - DateTimeOffset.UtcNow;
    }
}

/// <summary>OpenAI writes x-ratelimit-reset-* as Go durations: "20ms", "1.5s", "6m0s", "1h2m3s".</summary>
public static partial class GoDuration
{
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = Part().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text.Trim()) return null;
        var total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.Zero,
            };
        }
        return total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|h|m|s)")]
    private static partial Regex Part();
}
