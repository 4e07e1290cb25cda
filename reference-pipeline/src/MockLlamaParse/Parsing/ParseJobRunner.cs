using Microsoft.Extensions.Options;
using MockLlamaParse.Webhooks;

namespace MockLlamaParse.Parsing;

/// <summary>Completes jobs in the background after the configured latency, then sends the webhook.</summary>
public sealed class ParseJobRunner(
    IOptions<MockLlamaParseOptions> options,
    WebhookSender webhooks,
    IHostApplicationLifetime lifetime,
    ILogger<ParseJobRunner> logger)
{
    public void Start(ParseJob job) => _ = Task.Run(() => RunAsync(job, lifetime.ApplicationStopping));

    private async Task RunAsync(ParseJob job, CancellationToken stopping)
    {
        try
        {
            var (document, failure) = job.InjectedFailure is { } injected
                ? (null, injected)
                : PdfTextExtractor.Extract(job.Content);
            var settings = options.Value;
            var pendingMs = settings.LatencyMs + (document?.Pages.Count ?? 0) * settings.PerPageLatencyMs;
            if (pendingMs > 0)
            {
                // Parsing time is the simulated behaviour, not synchronisation.
                await Task.Delay(pendingMs, stopping);
            }

            job.Outcome = new JobOutcome(failure is null ? JobStatus.Success : JobStatus.Error, document, failure, settings.CreditsPerPage);
            logger.LogInformation(
                "Job {JobId} for {FileName} ended {Status} with {Pages} pages {ErrorCode}",
                job.Id, job.FileName, job.Status, document?.Pages.Count ?? 0, failure?.ErrorCode);

            if (job.WebhookUrl is { } webhookUrl)
            {
                await webhooks.DeliverAsync(job, webhookUrl, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The mock is shutting down; in-memory jobs die with it.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Job {JobId} failed unexpectedly", job.Id);
            job.Outcome ??= new JobOutcome(JobStatus.Error, null, new ParseFailure("INTERNAL_ERROR", exception.Message), options.Value.CreditsPerPage);
        }
    }
}
