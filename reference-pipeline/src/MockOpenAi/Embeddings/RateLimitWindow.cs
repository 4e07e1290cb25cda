using Microsoft.Extensions.Options;

namespace MockOpenAi.Embeddings;

/// <summary>
/// Per-window (a minute by default) request and token usage behind the <c>x-ratelimit-*</c> headers.
/// The mock reports usage like OpenAI; it refuses on its own only with <c>EnforceRateLimits</c>,
/// otherwise 429s come from the rate-limit fault.
/// </summary>
public sealed class RateLimitWindow(IOptions<MockOpenAiOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _requests;
    private int _tokens;

    private TimeSpan Window => TimeSpan.FromMilliseconds(Math.Max(1, options.Value.RateLimitWindowMs));

    /// <summary>
    /// With <c>EnforceRateLimits</c>: false when the window's requests are used up; the answer's
    /// headers then say nothing remains and when the window resets.
    /// </summary>
    public bool TryAdmit(HttpResponse response)
    {
        if (!options.Value.EnforceRateLimits) return true;
        TimeSpan reset;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _windowStart >= Window) return true;
            if (_requests < options.Value.RequestsPerMinute) return true;
            reset = _windowStart + Window - now;
        }
        WriteExhausted(response, reset);
        return false;
    }

    public void Record(int tokens, HttpResponse response)
    {
        var now = time.GetUtcNow();
        int requests, used;
        TimeSpan reset;
        lock (_gate)
        {
            if (now - _windowStart >= Window)
            {
                _windowStart = now;
                _requests = 0;
                _tokens = 0;
            }

            requests = ++_requests;
            used = _tokens += tokens;
            reset = _windowStart + Window - now;
        }

        var limits = options.Value;
        Write(response, Math.Max(0, limits.RequestsPerMinute - requests), Math.Max(0, limits.TokensPerMinute - used), reset, reset);
    }

    /// <summary>Headers of a rate-limited answer: nothing remains until the retry time.</summary>
    public void WriteExhausted(HttpResponse response, TimeSpan retryAfter) =>
        Write(response, 0, 0, retryAfter, retryAfter);

    private void Write(HttpResponse response, int remainingRequests, int remainingTokens, TimeSpan resetRequests, TimeSpan resetTokens)
    {
        var limits = options.Value;
        response.Headers["x-ratelimit-limit-requests"] = limits.RequestsPerMinute.ToString();
        response.Headers["x-ratelimit-limit-tokens"] = limits.TokensPerMinute.ToString();
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
