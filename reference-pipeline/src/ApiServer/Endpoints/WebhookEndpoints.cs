using System.Text.Json;
using ApiServer.Data;
using ApiServer.Http;
using ApiServer.Metrics;
using ApiServer.Options;
using Microsoft.Extensions.Options;
using Pipeline.Core.Logging;

namespace ApiServer.Endpoints;

public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous for JWT purposes: the parser proves itself with the HMAC signature instead.
        var group = app.MapGroup("/api/v1/webhooks").AllowAnonymous();
        group.MapPost("llamaparse", ReceiveLlamaParseAsync).AddEndpointFilter<WebhookDeliveryMetrics>();
        return group;
    }

    private static async Task<IResult> ReceiveLlamaParseAsync(
        HttpContext context, JobStore jobs, IOptions<WebhookOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("ApiServer.Webhooks");
        var body = await ReadBodyAsync(context.Request, options.Value.MaxBodyBytes, ct);
        if (body is null)
        {
            return ApiErrors.Result(context, StatusCodes.Status413PayloadTooLarge, ErrorKeys.MalformedRequest, "The webhook body is too large.");
        }
        if (!WebhookSignature.IsValid(options.Value.Secret, body, context.Request.Headers[WebhookSignature.HeaderName]))
        {
            logger.LogWarning("Parser webhook refused: missing or invalid signature");
            return ApiErrors.Result(context, StatusCodes.Status401Unauthorized, ErrorKeys.InvalidSignature,
                "The webhook signature is missing or does not match the body.");
        }
        if (ParseNotice(body) is not var (parserJobId, status))
        {
            return ApiErrors.Result(context, StatusCodes.Status400BadRequest, ErrorKeys.MalformedRequest,
                "The webhook body must be JSON with 'jobId' and 'status'.");
        }

        var woken = await jobs.WakeForParserAsync(parserJobId, status, ct);
        if (woken.Count == 0)
        {
            // Unknown, already handled, or not waiting: webhooks are at-least-once hints, so a
            // repeat or a stray one is acknowledged and ignored.
            logger.LogInformation("Parser webhook for {ParserJobId} ({ParserStatus}) matched no waiting job", parserJobId, status);
            return Results.Accepted(value: new { status = "ignored" });
        }
        foreach (var job in woken)
        {
            using (PipelineLogging.PushJobContext(job.CorrelationId, job.JobId, job.DocumentId))
            {
                logger.LogInformation("Parser webhook for {ParserJobId} ({ParserStatus}) woke the job", parserJobId, status);
            }
        }
        return Results.Accepted(value: new { status = "accepted", jobId = woken[0].JobId });
    }

    private static (string JobId, string Status)? ParseNotice(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var jobId = Text(root, "jobId") ?? Text(root, "job_id");
            var status = Text(root, "status") ?? "unknown";
            return string.IsNullOrWhiteSpace(jobId) ? null : (jobId, status);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The raw bytes (the signature covers them exactly), or null past the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
