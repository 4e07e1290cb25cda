using System.Security.Cryptography;
using Mocks.Common.Requests;

namespace MockOpenAi.Admin;

/// <summary>Logs embeddings requests under an OpenAI-style <c>x-request-id</c> (<c>req_</c> + 32 hex digits).</summary>
public sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
    : RequestLogMiddleware<RequestRecord, RequestDetails>(next, log, time)
{
    protected override string NewRequestId(HttpContext context) =>
        "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    protected override RequestRecord Record(ServedRequest served, RequestDetails details) => new(
        served.ReceivedAt,
        served.Context.Request.Method,
        served.Context.Request.Path.Value ?? "",
        served.Status,
        details.InputCount,
        details.TotalTokens,
        served.RequestId,
        details.Fault,
        RetryHeaders(served.Context.Request.Headers, "Idempotency-Key"),
        details.RetryAfterMs);
}
