using ApiServer.Data;
using ApiServer.Http;
using ApiServer.Metrics;
using ApiServer.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Pipeline.Core.Logging;
using Pipeline.Core.Providers;

namespace ApiServer.Endpoints;

/// <summary>
/// The parser's completion webhook, as LlamaParse sends it: a POST whose body is only the result
/// (<c>txt</c>, <c>md</c>, <c>json</c>, <c>images</c>), to the per-job URL the worker gave at upload,
/// <c>/api/v1/webhooks/llamaparse/{jobId}/{token}</c> (see <see cref="ParserWebhooks"/>). The body is
/// not needed: it only wakes the job, whose worker fetches the result and its credits from the
/// parser's API. The URL's token is checked before the body is read, so an unauthenticated caller
/// cannot make the api-server read up to the body limit. Every refusal is logged with its reason (never with the token).
/// </summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous for JWT purposes: the per-job token in the URL authenticates the parser.
        var group = app.MapGroup("/api/v1/webhooks").AllowAnonymous();
        group.MapPost("llamaparse/{jobId}/{token}", ReceiveLlamaParseAsync).AddEndpointFilter<WebhookDeliveryMetrics>();
        group.MapPost("llamaparse", RefuseWithoutToken).AddEndpointFilter<WebhookDeliveryMetrics>();
        return group;
    }

    private static async Task<IResult> ReceiveLlamaParseAsync(string jobId, string token,
        HttpContext context, JobStore jobs, IOptions<WebhookOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("ApiServer.Webhooks");
        if (!Guid.TryParse(jobId, out var id)) return Refuse(context, logger, "malformed-job-id", null);
        // The token first: a caller without a job's token gets no byte of its body read.
        if (await jobs.ParserWebhookRefusalAsync(id, token, ct) is { } refusal) return Refuse(context, logger, refusal, id);

        var bodyBytes = await DrainAsync(context, options.Value.MaxBodyBytes, ct);
        if (bodyBytes is null)
        {
            logger.LogWarning("Parser webhook refused for job {JobId}: {RefusalReason} (limit {MaxBodyBytes} bytes)",
                id, "body-too-large", options.Value.MaxBodyBytes);
            return ApiErrors.Result(context, StatusCodes.Status413PayloadTooLarge, ErrorKeys.BodyTooLarge,
                $"The webhook body is larger than {options.Value.MaxBodyBytes} bytes.");
        }

        var wake = await jobs.WakeForParserWebhookAsync(id, token, bodyBytes.Value, ct);
        if (wake.Verdict == WebhookVerdict.Refused) return Refuse(context, logger, wake.RefusalReason!, id);

        using (PipelineLogging.PushJobContext(wake.Job!.CorrelationId, wake.Job.JobId, wake.Job.DocumentId))
        {
            if (wake.Verdict == WebhookVerdict.NotWaiting)
            {
                // Webhooks are at-least-once hints: a repeat, or one that beat the job's parking, is acknowledged.
                logger.LogInformation("Parser webhook ({BodyBytes} bytes) for a job not waiting for the parser: ignored", bodyBytes);
                return Results.Accepted(value: new { status = "ignored" });
            }
            logger.LogInformation("Parser webhook ({BodyBytes} bytes) woke the job", bodyBytes);
        }
        return Results.Accepted(value: new { status = "accepted", jobId = wake.Job.JobId });
    }

    private static IResult RefuseWithoutToken(HttpContext context, ILoggerFactory loggers) =>
        Refuse(context, loggers.CreateLogger("ApiServer.Webhooks"), "no-token-in-url", null);

    /// <summary>The same answer for every reason, so a caller cannot probe which jobs exist; the log says which.</summary>
    private static IResult Refuse(HttpContext context, ILogger logger, string reason, Guid? jobId)
    {
        logger.LogWarning("Parser webhook refused for job {JobId}: {RefusalReason}", jobId, reason);
        // The body was not read: closing the connection spares Kestrel reading it through for keep-alive.
        context.Response.Headers.Connection = "close";
        return ApiErrors.Result(context, StatusCodes.Status401Unauthorized, ErrorKeys.InvalidWebhookToken,
            "The webhook URL does not carry a valid token for a job.");
    }

    /// <summary>Reads the body through without keeping it; its size, or null past the limit.</summary>
    private static async Task<long?> DrainAsync(HttpContext context, long maxBytes, CancellationToken ct)
    {
        // Kestrel's server-wide limit is sized for uploads; this endpoint allows the parser's result.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes + 1;
        var chunk = new byte[64 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                total += read;
                if (total > maxBytes) return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return total;
    }
}
