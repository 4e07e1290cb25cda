using Npgsql;
using Pipeline.TestKit;

namespace ApiServer.Tests.Support;

/// <summary>
/// The api-server tests' private PostgreSQL cluster (TestKit's <see cref="PostgresCluster"/>), with
/// connection strings that give up quickly, so outage tests see a stopped server as the api-server would.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly PostgresCluster _cluster;

    private PostgresServer(PostgresCluster cluster) => _cluster = cluster;

    public static async Task<PostgresServer> StartAsync() => new(await PostgresCluster.StartAsync());

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder(_cluster.ConnectionStringFor(database)) { Timeout = 3, CommandTimeout = 10 }.ConnectionString;

    /// <summary>Starts the stopped cluster again on its original port and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => _cluster.StartAgainAsync();

    /// <summary>Starts the cluster unless it already runs (for cleanup after a test that stopped it).</summary>
    public async Task EnsureStartedAsync()
    {
        if (!_cluster.IsRunning) await _cluster.StartAgainAsync();
    }

    /// <summary>Stops the cluster (fast shutdown: open sessions are disconnected) and waits until it is gone.</summary>
    public Task StopAsync() => _cluster.StopAsync(PostgresStopMode.Fast);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
