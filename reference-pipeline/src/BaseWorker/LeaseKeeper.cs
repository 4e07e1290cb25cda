using Microsoft.Extensions.Logging;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>
/// Renews a job's lease every third of its length while a stage runs. When the lease is lost
/// (another worker reclaimed it, or renewals kept failing until it expired), the stage is cancelled.
/// </summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _loop;

    private LeaseKeeper(JobQueue queue, ClaimedJob job, TimeSpan lease, ILogger logger)
    {
        _loop = RenewAsync(queue, job, lease, logger);
    }

    /// <summary>Cancelled when the lease is lost.</summary>
    public CancellationToken LeaseLost => _lost.Token;

    public static LeaseKeeper Start(JobQueue queue, ClaimedJob job, TimeSpan lease, ILogger logger) =>
        new(queue, job, lease, logger);

    private async Task RenewAsync(JobQueue queue, ClaimedJob job, TimeSpan lease, ILogger logger)
    {
        var lastRenewed = DateTimeOffset.UtcNow;
        using var timer = new PeriodicTimer(lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    var renewal = await queue.RenewLeaseAsync(job, _stop.Token);
                    if (renewal == LeaseRenewal.Renewed)
                    {
                        lastRenewed = DateTimeOffset.UtcNow;
                        continue;
                    }
                    // The stage handed the job back itself (parked for the parser) just before we ticked.
                    if (renewal == LeaseRenewal.HandedBack) return;
                    logger.LogWarning("Lease on job {JobId} was taken over (token {LeaseToken}); stopping its stage", job.JobId, job.LeaseToken);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not renew the lease on job {JobId}", job.JobId);
                    if (DateTimeOffset.UtcNow - lastRenewed < lease) continue;
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The stage finished; nothing more to renew.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _lost.Dispose();
    }
}
