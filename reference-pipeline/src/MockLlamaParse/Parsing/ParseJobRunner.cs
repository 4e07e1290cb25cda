using Microsoft.Extensions.Options;
using Mocks.Common.Latency;
using MockLlamaParse.Webhooks;

namespace MockLlamaParse.Parsing;

/// <summary>
/// Parses uploaded jobs in the background like a service under load: at most
/// <see cref="MockLlamaParseOptions.MaxConcurrentParses"/> at once, the rest wait their turn in a
/// queue and stay PENDING meanwhile. A job holds its slot for the parsing time the latency profile
/// draws (growing with its pages), completes, and its webhook is sent after the slot is freed.
/// </summary>
public sealed class ParseJobRunner(
    IOptions<MockLlamaParseOptions> options,
    WebhookSender webhooks,
    JobFolders folders,
    IHostApplicationLifetime lifetime,
    ILogger<ParseJobRunner> logger)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentParses));
    private readonly LatencyProfile _latency = new(options.Value.LatencyMs, options.Value.LatencySpread,
        options.Value.PerPageLatencyMs, options.Value.LatencySeed);
    private int _queued;

    /// <summary>Jobs waiting for a parse slot (PENDING, not yet started).</summary>
    public int Queued => Volatile.Read(ref _queued);

    public void Start(ParseJob job) => _ = Task.Run(() => RunAsync(job, lifetime.ApplicationStopping));

    private async Task RunAsync(ParseJob job, CancellationToken stopping)
    {
        try
        {
            Interlocked.Increment(ref _queued);
            try
            {
                await _slots.WaitAsync(stopping);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
            try
            {
                await ParseAsync(job, stopping);
            }
            finally
            {
                _slots.Release();
            }

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

    private async Task ParseAsync(ParseJob job, CancellationToken stopping)
    {
        var (document, failure) = job.InjectedFailure is { } injected
            ? (null, injected)
            : PdfTextExtractor.Extract(job.Content, PageFile.Create(folders.PageFilePath(job.Id)));
        // The uploaded bytes are not needed once their text is out; a long queue must not hold them all.
        job.DiscardContent();
        var parsingTime = _latency.Next(document?.PageCount ?? 0);
        if (parsingTime > TimeSpan.Zero)
        {
            // Parsing time is the simulated behaviour, not synchronisation.
            await Task.Delay(parsingTime, stopping);
        }

        job.Outcome = new JobOutcome(failure is null ? JobStatus.Success : JobStatus.Error, document, failure, options.Value.CreditsPerPage);
        logger.LogInformation(
            "Job {JobId} for {FileName} ended {Status} with {Pages} pages {ErrorCode} after {ParsingMs} ms of parsing time",
            job.Id, job.FileName, job.Status, document?.PageCount ?? 0, failure?.ErrorCode, (long)parsingTime.TotalMilliseconds);
    }
}
