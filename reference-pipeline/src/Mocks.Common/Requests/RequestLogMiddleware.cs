using Microsoft.AspNetCore.Http;

namespace Mocks.Common.Requests;

/// <summary>An API request the mock answered, as the middleware saw it end.</summary>
/// <param name="Status">The status the client saw; 0 when the connection was aborted.</param>
public sealed record ServedRequest(HttpContext Context, DateTimeOffset ReceivedAt, string RequestId, int Status);

/// <summary>
/// Gives every API request an <c>x-request-id</c>, lets endpoints add <typeparamref name="TDetails"/>
/// (a request feature) and logs the request with the status it got. Admin, health and metrics calls are not
/// logged: the log is evidence of what the client under test did. Each mock says how its ids look
/// and what its log entries hold.
/// </summary>
public abstract class RequestLogMiddleware<TRecord, TDetails>(RequestDelegate next, RequestLog<TRecord> log, TimeProvider time)
    where TDetails : class, new()
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/admin") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics"))
        {
            await next(context);
            return;
        }

        var receivedAt = time.GetUtcNow();
        var requestId = NewRequestId(context);
        var details = new TDetails();
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
            log.Add(Record(new ServedRequest(context, receivedAt, requestId, status), details));
        }
    }

    protected abstract string NewRequestId(HttpContext context);

    protected abstract TRecord Record(ServedRequest served, TDetails details);

    /// <summary>The request's retry-related headers (names lower-cased), plus any named in <paramref name="alsoInclude"/>.</summary>
    protected static Dictionary<string, string> RetryHeaders(IHeaderDictionary headers, params string[] alsoInclude) =>
        headers
            .Where(header => header.Key.Contains("retry", StringComparison.OrdinalIgnoreCase)
                || alsoInclude.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString());
}
