using Npgsql;
using Pipeline.Core.Database;

namespace ApiServer.Data;

/// <summary>
/// The api-server's door to PostgreSQL. Migrations run on the first connection that succeeds,
/// so a server started while the database is down comes up anyway and catches up when it returns.
/// </summary>
public sealed class PipelineDatabase(NpgsqlDataSource dataSource, ILogger<PipelineDatabase> logger)
{
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public bool IsMigrated => _migrated;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct);
        return await dataSource.OpenConnectionAsync(ct);
    }

    public async Task EnsureMigratedAsync(CancellationToken ct)
    {
        if (_migrated) return;
        await _migrationGate.WaitAsync(ct);
        try
        {
            if (_migrated) return;
            await MigrationRunner.ApplyAsync(dataSource, logger, ct);
            _migrated = true;
            logger.LogInformation("Database schema is up to date");
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    /// <summary>Drops pooled connections, which are dead after the server restarted.</summary>
    public void ForgetConnections() => dataSource.Clear();
}
