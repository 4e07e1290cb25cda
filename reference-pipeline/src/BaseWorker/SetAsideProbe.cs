using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pipeline.Core.Errors;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;
using Pipeline.Contract;

namespace BaseWorker;

/// <summary>
/// When nothing else runs, nothing proves a dependency healthy again. Every
/// <see cref="WorkerOptions.RevivalIntervalSeconds"/> this sends the oldest job set aside for each
/// dependency back to work as a probe: if it passes, <see cref="DependencyRecovery"/> revives the rest;
/// if not, it is set aside again at its first failure (its retry window is spent).
/// </summary>
public sealed class SetAsideProbe(SetAsideJobs setAside, WorkerOptions options, ILogger<SetAsideProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.RevivalIntervalSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var dependency in ErrorDependencies.RevivedByThemselves) await ProbeAsync(dependency, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProbeAsync(string dependency, CancellationToken ct)
    {
        try
        {
            foreach (var job in await setAside.ReviveAsync(dependency, "probe: is it healthy again?", options.Id, limit: 1, ct, probe: true))
            {
                logger.LogInformation("Job {RevivedJobId} set aside for {ErrorCode} sent back to work to probe {Dependency}",
                    job.JobId, job.PreviousErrorCode, dependency);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Could not probe {Dependency} with a set-aside job ({Reason})", dependency, e.Message);
        }
    }
}
