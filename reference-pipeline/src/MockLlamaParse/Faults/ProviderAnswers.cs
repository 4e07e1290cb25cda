namespace MockLlamaParse.Faults;

/// <summary>How LlamaParse answers when a throttling or garbling fault strikes.</summary>
internal static class ProviderAnswers
{
    /// <summary>
    /// 429 Too Many Requests, the status LlamaCloud documents for going past its per-route limits
    /// (developers.llamaindex.ai/llamaparse/general/rate_limits: "the API will return a 429 Too Many
    /// Requests status code"; the parse upload route allows 50 requests per 10 s window). The page
    /// promises no Retry-After, so the mock sends one (whole seconds, RFC 9110 §10.2.3) only when the
    /// fault names a wait, and a client must back off on its own otherwise. The body is the
    /// <c>{"detail": ...}</c> envelope of every other LlamaCloud error the mock serves.
    /// </summary>
    public static IResult RateLimited(FaultSpec fault, HttpResponse response)
    {
        if (fault.RetryAfterMs is { } ms) response.Headers.RetryAfter = ((int)Math.Ceiling(ms / 1000.0)).ToString();
        return Results.Json(new { detail = fault.Message ?? "Rate limit exceeded. Please retry later." },
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>A 200 whose JSON stops midway, as a connection cut by a proxy after the headers leaves it.</summary>
    public static IResult Malformed() =>
        Results.Text("{\"id\":\"8f0c2d6e-", "application/json", statusCode: StatusCodes.Status200OK);
}
