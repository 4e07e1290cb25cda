using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pipeline.Core.Database;
using Pipeline.Core.Defects;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>
/// The base-worker loop: waits for the database (applying migrations), then runs
/// <c>Worker__Concurrency</c> claim loops. Database errors are logged and retried with backoff,
/// never fatal, so the worker rides out an outage and resumes when PostgreSQL returns.
/// </summary>
public sealed class QueueWorker(
    NpgsqlDataSource db,
    JobQueue queue,
    JobReadySignal readySignal,
    IServiceProvider services,
    WorkerOptions options,
    PipelineDefects defects,
    StageDelays stageDelays,
    ILogger<QueueWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxOutageBackoff = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _deadline = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (defects.Enabled.Count > 0) logger.LogWarning("Test defects enabled: {Defects}", defects.ToString());
        if (stageDelays != StageDelays.None) logger.LogWarning("Test stage delays enabled: {StageDelays}", stageDelays.ToString());
        if (!await WaitForDatabaseAsync(stoppingToken)) return;
        logger.LogInformation("Worker ready: {WorkerId} with {Concurrency} slots, lease {LeaseSeconds}s",
            options.Id, options.Concurrency, options.LeaseSeconds);

        // After SIGTERM running stages get ShutdownDeadlineSeconds, then they are cancelled and released.
        await using var _ = stoppingToken.Register(() => _deadline.CancelAfter(TimeSpan.FromSeconds(options.ShutdownDeadlineSeconds)));
        var slots = Enumerable.Range(1, Math.Max(1, options.Concurrency)).Select(slot => RunSlotAsync(slot, stoppingToken));
        await Task.WhenAll(slots);
        logger.LogInformation("Worker {WorkerId} stopped", options.Id);
    }

    private async Task<bool> WaitForDatabaseAsync(CancellationToken stoppingToken)
    {
        for (var failures = 1; !stoppingToken.IsCancellationRequested; failures++)
        {
            try
            {
                await MigrationRunner.ApplyAsync(db, logger, stoppingToken);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Database not reachable yet ({Reason}); retrying", e.Message);
                if (!await PauseAsync(OutageBackoff(failures), stoppingToken)) return false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
        }
        return false;
    }

    private async Task RunSlotAsync(int slot, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ClaimedJob? job;
            // Taken before claiming, so a job that becomes ready while we find nothing still wakes us.
            var ready = readySignal.Ticket;
            try
            {
                job = await queue.ClaimAsync(options.Id, options.Lease, stoppingToken);
                if (failures > 0) logger.LogInformation("Database reachable again after {Failures} failed claims", failures);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                failures++;
                logger.LogWarning("Slot {Slot} could not claim a job ({Reason}); retrying", slot, e.Message);
                if (!await PauseAsync(OutageBackoff(failures), stoppingToken)) return;
                continue;
            }

            if (job is null)
            {
                if (!await WaitForWorkAsync(ready, stoppingToken)) return;
                continue;
            }

            await using var scope = services.CreateAsyncScope();
            var processor = scope.ServiceProvider.GetRequiredService<IJobProcessor>();
            await processor.ProcessAsync(job, stoppingToken, _deadline.Token);
        }
    }

    /// <summary>
    /// Idles until a job becomes ready (notification), the next scheduled job falls due, or the
    /// fallback poll (IdlePollMs) passes; false when the worker is stopping.
    /// </summary>
    private async Task<bool> WaitForWorkAsync(Task ready, CancellationToken stoppingToken)
    {
        var fallback = TimeSpan.FromMilliseconds(options.IdlePollMs);
        var wait = fallback;
        try
        {
            if (await queue.NextDueInAsync(stoppingToken) is { } due && due < wait) wait = due;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The next claim meets the same error and backs off; idle for the fallback meanwhile.
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return await JobReadySignal.WaitAsync(ready, wait, stoppingToken);
    }

    private static TimeSpan OutageBackoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxOutageBackoff.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10))));

    /// <summary>Waits between polls; false when the worker is stopping.</summary>
    private static async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        _deadline.Dispose();
        base.Dispose();
    }
}
