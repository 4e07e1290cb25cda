using MockOpenAi.Embeddings;

namespace MockOpenAi.Faults;

/// <summary>How OpenAI answers when each fault strikes: its status, envelope and headers.</summary>
internal static class FaultResponses
{
    /// <summary>When the window resets (<c>x-ratelimit-reset-*</c>) if the fault names no wait.</summary>
    public const int DefaultResetMs = 1000;

    public static IResult Outage(FaultSpec fault) => new OpenAiError(
        StatusCodes.Status503ServiceUnavailable,
        fault.Message ?? "The engine is currently overloaded, please try again later.",
        "server_error",
        null,
        null).ToResult();

    public static IResult ServerError(FaultSpec fault) => new OpenAiError(
        StatusCodes.Status500InternalServerError,
        fault.Message ?? "The server had an error while processing your request. Sorry about that!",
        "server_error",
        null,
        "server_error").ToResult();

    public static IResult InsufficientQuota(FaultSpec fault) => new OpenAiError(
        StatusCodes.Status429TooManyRequests,
        fault.Message ?? "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        "insufficient_quota",
        null,
        "insufficient_quota").ToResult();

    /// <summary>
    /// A 429 as OpenAI sends it: <c>Retry-After</c> (whole seconds) only when the fault names a wait,
    /// because the real API often sends none and a client must then back off on its own. Never
    /// <c>retry-after-ms</c>: that header is Azure OpenAI's (the official clients read it when present,
    /// e.g. openai-node's retry logic, but api.openai.com does not send it).
    /// </summary>
    public static IResult RateLimited(FaultSpec fault, string model, HttpResponse response, RateLimitWindow window)
    {
        var retryAfter = TimeSpan.FromMilliseconds(fault.RetryAfterMs ?? DefaultResetMs);
        if (fault.RetryAfterMs is not null) response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        window.WriteExhausted(response, window.Configured, retryAfter);
        return new OpenAiError(
            StatusCodes.Status429TooManyRequests,
            fault.Message ?? $"Rate limit reached for {model} in organization org-mock on requests per min (RPM): Limit 3000, Used 3000, Requested 1. Please try again in {RateLimitWindow.FormatDuration(retryAfter)}. Visit https://platform.openai.com/account/rate-limits to learn more.",
            "requests",
            null,
            "rate_limit_exceeded").ToResult();
    }

    /// <summary>
    /// The window's requests are used up (EnforceRateLimits or a request-limit fault), in OpenAI's words
    /// for an RPM limit. Retry-After only when the limits announce it: OpenAI often sends none.
    /// </summary>
    public static IResult RateLimitExceeded(string model, RateLimits limits, TimeSpan reset) => new OpenAiError(
        StatusCodes.Status429TooManyRequests,
        $"Rate limit reached for {model} in organization org-mock on requests per min (RPM): Limit {limits.RequestsPerWindow}, Used {limits.RequestsPerWindow}, Requested 1. Please try again in {RateLimitWindow.FormatDuration(reset)}. Visit https://platform.openai.com/account/rate-limits to learn more.",
        "requests",
        null,
        "rate_limit_exceeded").ToResult();

    /// <summary>A 200 whose body stops mid-JSON, as a truncated proxy response would.</summary>
    public static IResult Malformed() =>
        Results.Text("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.0123,", "application/json", statusCode: StatusCodes.Status200OK);
}
