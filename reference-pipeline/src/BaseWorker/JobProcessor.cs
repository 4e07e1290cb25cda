using BaseWorker.Metrics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pipeline.Contract;
using Pipeline.Core.Errors;
using Pipeline.Core.Logging;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>Works one claimed job until it leaves this worker's hands.</summary>
public interface IJobProcessor
{
    /// <param name="claimed">The job as claimed, with its lease.</param>
    /// <param name="stopping">Set at SIGTERM: no new stage starts; the job is released.</param>
    /// <param name="deadline">Set when the shutdown deadline passes: the running stage is cancelled.</param>
    Task ProcessAsync(ClaimedJob claimed, CancellationToken stopping, CancellationToken deadline);
}

/// <summary>
/// Works one claimed job stage by stage while its lease is kept alive, until it is done, parked
/// for the parser, failed (retry or dead letter), its lease is lost, or the worker stops.
/// </summary>
public sealed class JobProcessor(JobQueue queue, StageRunner stages, WorkerOptions options, StageRules rules,
    WorkerMetrics metrics, ILogger<JobProcessor> logger) : IJobProcessor
{
    public async Task ProcessAsync(ClaimedJob claimed, CancellationToken stopping, CancellationToken deadline)
    {
        using var logScope = PipelineLogging.PushJobContext(claimed.CorrelationId, claimed.JobId, claimed.DocumentId);
        logger.LogInformation("Claimed job {JobId} at {Stage} (attempt {AttemptCount}, lease token {LeaseToken}, reclaimed {Reclaimed})",
            claimed.JobId, claimed.Stage, claimed.AttemptCount, claimed.LeaseToken, claimed.Reclaimed);

        var current = claimed;
        await using var lease = LeaseKeeper.Start(queue, claimed, options.Lease, logger);
        using var stageCancel = CancellationTokenSource.CreateLinkedTokenSource(lease.LeaseLost, deadline);
        try
        {
            while (true)
            {
                if (stopping.IsCancellationRequested)
                {
                    await ReleaseAsync(current);
                    return;
                }
                var stageTimer = metrics.StartStage(current.Stage);
                var next = await stages.RunAsync(current, stageCancel.Token);
                stageTimer.Completed();
                if (next is null) return;
                current = next;
            }
        }
        catch (PipelineErrorException e)
        {
            await FailAsync(current, e.Error, e);
        }
        catch (LeaseLostException e)
        {
            logger.LogWarning("Job {JobId}: {Reason}", current.JobId, e.Message);
        }
        catch (OperationCanceledException) when (lease.LeaseLost.IsCancellationRequested)
        {
            logger.LogWarning("Job {JobId} stopped at {Stage}: its lease was lost", current.JobId, current.Stage);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            logger.LogWarning("Job {JobId} did not finish {Stage} before the shutdown deadline", current.JobId, current.Stage);
            await ReleaseAsync(current);
        }
        catch (Exception e)
        {
            await FailAsync(current, rules.Classify(e, current.Stage, current.DocumentId), e);
        }
    }

    private async Task FailAsync(ClaimedJob job, PipelineError error, Exception cause)
    {
        var patch = (cause as PipelineErrorException)?.PayloadPatch;
        try
        {
            var outcome = await queue.FailAsync(job, error, CancellationToken.None, patch);
            metrics.JobFailed(job.Stage, error.Code, outcome.Deadlettered);
            var dependency = ErrorCatalogue.Find(error.Code)?.Dependency;
            // A failure of the workers' own code (a defect): its exception, type and stack, is for operators,
            // so it goes to the log, never into the job's message.
            var defect = dependency == ErrorDependencies.Workers ? cause : null;
            if (!outcome.Deadlettered)
                logger.LogWarning(defect, "Job {JobId} failed at {Stage} ({ErrorCode}: {ErrorMessage}); retry at {NextAttemptAt}",
                    job.JobId, job.Stage, error.Code, error.Message, outcome.NextAttemptAt);
            else if (job.ProbeOf is { } probed && dependency == probed)
                // The job was set aside already, and logged so; a probe only learnt that the outage goes on.
                logger.LogInformation("Job {JobId} probed {Dependency} at {Stage} and found it still failing ({ErrorCode}); set aside again",
                    job.JobId, probed, job.Stage, error.Code);
            else
                logger.LogError(defect, "Job {JobId} dead-lettered at {Stage}: {ErrorCode} {ErrorMessage}", job.JobId, job.Stage, error.Code, error.Message);
        }
        catch (LeaseLostException)
        {
            logger.LogWarning("Job {JobId} failed ({ErrorCode}) but its lease was already lost; the new holder decides", job.JobId, error.Code);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The lease will expire and another claim picks the job up again.
            logger.LogWarning(e, "Job {JobId} failed ({ErrorCode}) and the failure could not be recorded", job.JobId, error.Code);
        }
    }

    private async Task ReleaseAsync(ClaimedJob job)
    {
        try
        {
            var released = await queue.ReleaseAsync(job, CancellationToken.None);
            logger.LogInformation("Job {JobId} released at {Stage} for another worker (released: {Released})", job.JobId, job.Stage, released);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "Job {JobId} could not be released; its lease will expire", job.JobId);
        }
    }
}
