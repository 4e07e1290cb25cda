using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MockLlamaParse.Admin;
using MockLlamaParse.Faults;
using MockLlamaParse.Parsing;

namespace MockLlamaParse.Webhooks;

/// <summary>Posts a signed completion notice to the job's <c>webhook_url</c>, retrying briefly like LlamaCloud.</summary>
public sealed class WebhookSender(
    HttpClient http,
    IOptions<MockLlamaParseOptions> options,
    FaultInjector faults,
    RequestLog log,
    TimeProvider time,
    ILogger<WebhookSender> logger)
{
    public async Task DeliverAsync(ParseJob job, string webhookUrl, CancellationToken stopping)
    {
        if (faults.Take(FaultKinds.DropWebhooks) is not null)
        {
            logger.LogInformation("Webhook for job {JobId} dropped by fault", job.Id);
            log.Add(new RequestRecord("webhook-dropped", time.GetUtcNow(), "POST", webhookUrl, 0, JobId: job.Id, FileName: job.FileName, Fault: FaultKinds.DropWebhooks));
            return;
        }

        var delay = faults.TakeAll(FaultKinds.WebhookDelay).Sum(fault => fault.DelayMs ?? 0);
        if (delay > 0)
        {
            // The delay is the simulated behaviour, not synchronisation.
            await Task.Delay(delay, stopping);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(Payload(job));
        var signature = WebhookSignature.Compute(options.Value.WebhookSecret, body);
        var attempts = Math.Max(1, options.Value.WebhookAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (await TryPostAsync(job, webhookUrl, body, signature, attempt, delay > 0 ? FaultKinds.WebhookDelay : null, stopping))
            {
                return;
            }

            if (attempt < attempts)
            {
                await Task.Delay(options.Value.WebhookRetryDelayMs * attempt, stopping);
            }
        }

        logger.LogWarning("Webhook for job {JobId} not delivered after {Attempts} attempts", job.Id, attempts);
    }

    private async Task<bool> TryPostAsync(ParseJob job, string webhookUrl, byte[] body, string signature, int attempt, string? fault, CancellationToken stopping)
    {
        var sentAt = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, signature);
        try
        {
            using var response = await http.SendAsync(request, stopping);
            var status = (int)response.StatusCode;
            log.Add(new RequestRecord("webhook", sentAt, "POST", webhookUrl, status, JobId: job.Id, FileName: job.FileName, Fault: fault, Attempt: attempt));
            logger.LogInformation("Webhook for job {JobId} attempt {Attempt} answered {Status}", job.Id, attempt, status);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
        {
            log.Add(new RequestRecord("webhook", sentAt, "POST", webhookUrl, 0, JobId: job.Id, FileName: job.FileName, Fault: fault, Attempt: attempt, Error: exception.Message));
            logger.LogWarning("Webhook for job {JobId} attempt {Attempt} failed: {Error}", job.Id, attempt, exception.Message);
            return false;
        }
    }

    /// <summary>
    /// <c>jobId</c> and <c>status</c> for the api-server, plus the result fields LlamaParse's v1
    /// webhook carries (<c>txt</c>, <c>md</c>, <c>json</c>, <c>images</c>).
    /// </summary>
    private static Dictionary<string, object?> Payload(ParseJob job)
    {
        var outcome = job.Outcome!;
        var payload = new Dictionary<string, object?>
        {
            ["jobId"] = job.Id,
            ["status"] = outcome.Status,
            ["event"] = outcome.Status == JobStatus.Success ? "parse.success" : "parse.error",
            ["job_metadata"] = outcome.Metadata,
        };
        if (outcome.Document is { } document)
        {
            payload["txt"] = document.Text;
            payload["md"] = document.Markdown;
            payload["json"] = document.JsonPages;
            payload["images"] = Array.Empty<string>();
        }

        if (outcome.Failure is { } failure)
        {
            payload["error_code"] = failure.ErrorCode;
            payload["error_message"] = failure.Message;
        }

        return payload;
    }
}
