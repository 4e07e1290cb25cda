namespace MockLlamaParse.Admin;

/// <summary>
/// Logs every API request with the status it got. Admin and health calls are not logged: the log
/// is evidence of what the client under test did.
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
        var details = new RequestDetails();
        context.Features.Set(details);
        context.Response.Headers["x-request-id"] = context.TraceIdentifier;
        try
        {
            await next(context);
        }
        finally
        {
            // An aborted connection has no status the client saw; 0 says so.
            var status = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
            log.Add(new RequestRecord(
                "request",
                receivedAt,
                context.Request.Method,
                path.Value ?? "",
                status,
                context.TraceIdentifier,
                details.JobId,
                details.FileName,
                details.Fault,
                RetryHeaders: context.Request.Headers
                    .Where(header => header.Key.Contains("retry", StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString())));
        }
    }
}
