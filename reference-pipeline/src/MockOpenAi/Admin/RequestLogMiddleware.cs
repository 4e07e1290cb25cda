using System.Security.Cryptography;

namespace MockOpenAi.Admin;

/// <summary>
/// Gives every API request an OpenAI-style <c>x-request-id</c> and logs it with the status it got.
/// Admin and health calls are not logged: the log is evidence of what the client under test did.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/admin") || path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        var receivedAt = time.GetUtcNow();
        var requestId = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var details = new RequestDetails();
        context.Features.Set(details);
        context.Response.Headers["x-request-id"] = requestId;
        try
        {
            await next(context);
        }
        finally
        {
            // An aborted connection has no status the client saw; 0 says so.
            var status = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
            log.Add(new RequestRecord(
                receivedAt,
                context.Request.Method,
                path.Value ?? "",
                status,
                details.InputCount,
                details.TotalTokens,
                requestId,
                details.Fault,
                RetryHeaders(context.Request.Headers)));
        }
    }

    private static Dictionary<string, string> RetryHeaders(IHeaderDictionary headers) =>
        headers
            .Where(header => header.Key.Contains("retry", StringComparison.OrdinalIgnoreCase)
                || header.Key.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString());
}
