using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pipeline.Core.Defects;

namespace BaseWorker;

/// <summary>
/// Test-only defects in how a worker lives through a database outage, registered only when
/// PIPELINE_DEFECTS names them in the Testing environment, so the worker's own paths never check for them.
/// <list type="bullet">
/// <item>no-db-reconnect: the worker stops at its first database error, as one without reconnect
/// logic would: a watcher asks the database every <see cref="Interval"/> and, the first time it
/// cannot, fails, which stops the host (the default for a failed background service).</item>
/// </list>
/// </summary>
public static class DatabaseLossDefects
{
    /// <summary>Much shorter than any outage the suite makes, so the first one is always met.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static IHostApplicationBuilder AddDatabaseLossDefects(this IHostApplicationBuilder builder)
    {
        var defects = PipelineDefects.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
        if (defects.IsOn(PipelineDefects.NoDbReconnect)) builder.Services.AddHostedService<StopAtFirstDatabaseError>();
        return builder;
    }

    private sealed class StopAtFirstDatabaseError(NpgsqlDataSource db, ILogger<StopAtFirstDatabaseError> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(Interval);
            do
            {
                try
                {
                    await using var command = db.CreateCommand("SELECT 1");
                    await command.ExecuteScalarAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    logger.LogCritical("Database error ({Reason}); the worker stops (test defect no-db-reconnect)", e.Message);
                    throw;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
