using Mocks.Common.Requests;

namespace MockLlamaParse.Admin;

/// <summary>Logs parsing requests (<c>kind</c> "request") under the connection's trace identifier as <c>x-request-id</c>.</summary>
public sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
    : RequestLogMiddleware<RequestRecord, RequestDetails>(next, log, time)
{
    protected override string NewRequestId(HttpContext context) => context.TraceIdentifier;

    protected override RequestRecord Record(ServedRequest served, RequestDetails details) => new(
        "request",
        served.ReceivedAt,
        served.Context.Request.Method,
        served.Context.Request.Path.Value ?? "",
        served.Status,
        served.RequestId,
        details.JobId,
        details.FileName,
        details.Fault,
        RetryHeaders: RetryHeaders(served.Context.Request.Headers));
}
