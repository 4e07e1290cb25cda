using Microsoft.Extensions.Options;
using MockLlamaParse.Admin;
using MockLlamaParse.Faults;
using MockLlamaParse.Parsing;

namespace MockLlamaParse.Webhooks;

/// <summary>
/// Posts a finished job's result to its <c>webhook_url</c> exactly as LlamaParse v1 does (docs,
/// "Webhook", developers.llamaindex.ai/llamaparse/parse/v1/features/webhook): a JSON body of
/// <c>txt</c>, <c>md</c>, <c>json</c> (pages) and <c>images</c> (names) and nothing else: no job id,
/// no status, no event, no signature header. So the receiver can only tell which job it is, and
/// that it is genuine, from the URL it gave. Only jobs with a result are announced (the page
/// documents no failure body); failures are found by polling. Retries briefly, like LlamaCloud.
/// </summary>
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
            log.Add(new RequestRecord("webhook-dropped", time.GetUtcNow(), "POST", WebhookTarget.Redact(webhookUrl), 0, JobId: job.Id, FileName: job.FileName, Fault: FaultKinds.DropWebhooks));
            return;
        }

        var delay = faults.TakeAll(FaultKinds.WebhookDelay).Sum(fault => fault.DelayMs ?? 0);
        if (delay > 0)
        {
            // The delay is the simulated behaviour, not synchronisation.
            await Task.Delay(delay, stopping);
        }

        if (job.Outcome?.Document is not { } document)
        {
            logger.LogInformation("Job {JobId} ended {Status} without a result: no webhook", job.Id, job.Status);
            return;
        }

        var attempts = Math.Max(1, options.Value.WebhookAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (await TryPostAsync(job, webhookUrl, document, attempt, delay > 0 ? FaultKinds.WebhookDelay : null, stopping))
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

    private async Task<bool> TryPostAsync(ParseJob job, string webhookUrl, ParsedDocument document, int attempt, string? fault, CancellationToken stopping)
    {
        var sentAt = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = new StreamedJsonContent(output => WriteBodyAsync(output, document)) };
        try
        {
            using var response = await http.SendAsync(request, stopping);
            var status = (int)response.StatusCode;
            log.Add(new RequestRecord("webhook", sentAt, "POST", WebhookTarget.Redact(webhookUrl), status, JobId: job.Id, FileName: job.FileName, Fault: fault, Attempt: attempt));
            logger.LogInformation("Webhook for job {JobId} attempt {Attempt} answered {Status}", job.Id, attempt, status);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
        {
            log.Add(new RequestRecord("webhook", sentAt, "POST", WebhookTarget.Redact(webhookUrl), 0, JobId: job.Id, FileName: job.FileName, Fault: fault, Attempt: attempt, Error: exception.Message));
            logger.LogWarning("Webhook for job {JobId} attempt {Attempt} failed: {Error}", job.Id, attempt, exception.Message);
            return false;
        }
    }

    /// <summary>The body, written from the job's page file as it is sent: no whole text is held for it.</summary>
    private static Task WriteBodyAsync(Stream output, ParsedDocument document) => ResultJson.WriteObjectAsync(output,
        ("txt", ResultJson.Text(document)),
        ("md", ResultJson.Markdown(document)),
        ("json", ResultJson.Pages(document)),
        ("images", ResultJson.Value(Array.Empty<string>())));
}
