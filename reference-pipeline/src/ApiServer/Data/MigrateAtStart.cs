namespace ApiServer.Data;

/// <summary>
/// Applies migrations when the server starts and, if the database is not there yet, keeps trying
/// in the background: the server serves liveness (and 503 readiness) meanwhile instead of dying.
/// </summary>
public sealed class MigrateAtStart(PipelineDatabase database, ILogger<MigrateAtStart> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetryInterval);
        do
        {
            try
            {
                await database.EnsureMigratedAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
            {
                database.ForgetConnections();
                logger.LogWarning("Database not reachable at start ({Reason}); will retry migrations", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
