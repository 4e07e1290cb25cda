using Microsoft.Extensions.Logging;
using Npgsql;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>
/// A stage that just succeeded with a dependency is proof that the dependency is healthy: the jobs
/// set aside because it was not go back to work. Best effort: a failure here never fails the stage.
/// </summary>
public sealed class DependencyRecovery(SetAsideJobs setAside, WorkerOptions options, ILogger<DependencyRecovery> logger)
{
    private const int BatchSize = 500;

    public async Task HealthyAsync(string dependency, ClaimedJob proof, CancellationToken ct)
    {
        try
        {
            var revived = await setAside.ReviveAsync(dependency, $"job {proof.JobId} passed {proof.Stage}", options.Id, BatchSize, ct);
            foreach (var job in revived)
            {
                logger.LogInformation("Job {RevivedJobId} set aside for {ErrorCode} goes back to work: {Dependency} is healthy again",
                    job.JobId, job.PreviousErrorCode, dependency);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Could not revive jobs set aside for {Dependency} ({Reason}); the next success or probe will", dependency, e.Message);
        }
    }
}
