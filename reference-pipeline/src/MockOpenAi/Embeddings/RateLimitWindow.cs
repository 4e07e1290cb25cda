using Microsoft.Extensions.Options;
using MockOpenAi.Faults;

namespace MockOpenAi.Embeddings;

/// <summary>
/// The limits in force for a request: the account's configured ones, or a <c>request-limit</c>
/// fault's tighter ones. <see cref="Enforced"/> false only reports usage in the headers.
/// </summary>
public sealed record RateLimits(int RequestsPerWindow, int TokensPerWindow, TimeSpan Window, bool Enforced, bool AnnounceRetryAfter)
{
    public static RateLimits Configured(MockOpenAiOptions options) => new(options.RequestsPerMinute, options.TokensPerMinute,
        TimeSpan.FromMilliseconds(Math.Max(1, options.RateLimitWindowMs)), options.EnforceRateLimits, AnnounceRetryAfter: false);

    public static RateLimits Of(FaultSpec requestLimit, MockOpenAiOptions options) => new(requestLimit.RequestsPerWindow!.Value,
        options.TokensPerMinute, TimeSpan.FromMilliseconds(requestLimit.WindowMs!.Value), Enforced: true, requestLimit.AnnounceRetryAfter);
}

/// <summary>
/// Per-window (a minute by default) request and token usage behind the <c>x-ratelimit-*</c> headers.
/// The mock reports usage like OpenAI; it refuses on its own only when the limits in force are
/// enforced (<c>EnforceRateLimits</c> or a <c>request-limit</c> fault), otherwise 429s come from the rate-limit fault.
/// </summary>
public sealed class RateLimitWindow(IOptions<MockOpenAiOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private RateLimits? _counting;
    private int _requests;
    private int _tokens;

    public RateLimits Configured => RateLimits.Configured(options.Value);

    /// <summary>
    /// Counts the request in the current window, or refuses it (false) when the window's requests are
    /// used up under enforced limits; the refusal's headers then say nothing remains and when the window
    /// resets (plus <c>Retry-After</c> when the limits announce it). Admission and count are one step, so
    /// concurrent requests cannot all slip past the last free slot.
    /// </summary>
    public bool TryAdmit(HttpResponse response, RateLimits limits, out TimeSpan reset)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            // A change of limits (a request-limit fault put on or taken off) starts a fresh window.
            if (limits != _counting || now - _windowStart >= limits.Window)
            {
                _counting = limits;
                _windowStart = now;
                _requests = 0;
                _tokens = 0;
            }

            reset = _windowStart + limits.Window - now;
            if (!limits.Enforced || _requests < limits.RequestsPerWindow)
            {
                _requests++;
                return true;
            }
        }
        WriteExhausted(response, limits, reset);
        // Retry-After is whole seconds (RFC 9110 delay-seconds), so the reset is rounded up.
        if (limits.AnnounceRetryAfter) response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(reset.TotalSeconds)).ToString();
        return false;
    }

    /// <summary>Adds an answered request's tokens and writes the window's usage into its headers.</summary>
    public void Record(int tokens, HttpResponse response, RateLimits limits)
    {
        int requests, used;
        TimeSpan reset;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var current = limits == _counting && now - _windowStart < limits.Window;
            if (current) _tokens += tokens;
            requests = current ? _requests : 0;
            used = current ? _tokens : 0;
            reset = current ? _windowStart + limits.Window - now : TimeSpan.Zero;
        }

        Write(response, limits, Math.Max(0, limits.RequestsPerWindow - requests), Math.Max(0, limits.TokensPerWindow - used), reset, reset);
    }

    /// <summary>Headers of a rate-limited answer: nothing remains until the retry time.</summary>
    public void WriteExhausted(HttpResponse response, RateLimits limits, TimeSpan retryAfter) =>
        Write(response, limits, 0, 0, retryAfter, retryAfter);

    // The six headers of OpenAI's rate-limit guide (platform.openai.com/docs/guides/rate-limits,
    // "Rate limits in headers"): limit, remaining and reset, for requests and for tokens.
    private static void Write(HttpResponse response, RateLimits limits, int remainingRequests, int remainingTokens, TimeSpan resetRequests, TimeSpan resetTokens)
    {
        response.Headers["x-ratelimit-limit-requests"] = limits.RequestsPerWindow.ToString();
        response.Headers["x-ratelimit-limit-tokens"] = limits.TokensPerWindow.ToString();
        response.Headers["x-ratelimit-remaining-requests"] = remainingRequests.ToString();
        response.Headers["x-ratelimit-remaining-tokens"] = remainingTokens.ToString();
        response.Headers["x-ratelimit-reset-requests"] = FormatDuration(resetRequests);
        response.Headers["x-ratelimit-reset-tokens"] = FormatDuration(resetTokens);
    }

    /// <summary>OpenAI writes resets as Go durations: "20ms", "1.5s", "6m0s".</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{Math.Max(0, (int)duration.TotalMilliseconds)}ms";
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return $"{Math.Round(duration.TotalSeconds, 3).ToString(System.Globalization.CultureInfo.InvariantCulture)}s";
        }

        return $"{(int)duration.TotalMinutes}m{duration.Seconds}s";
    }
}
