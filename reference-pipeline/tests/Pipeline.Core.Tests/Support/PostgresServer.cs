using Pipeline.TestKit;
using Xunit;

namespace Pipeline.Tests.Support;

/// <summary>
/// The xUnit assembly fixture around the test run's private PostgreSQL cluster (TestKit's <see cref="PostgresCluster"/>: initdb into a
/// temp folder as the postgres user, trust auth, 127.0.0.1 on a free port, deleted on dispose).
/// Each test creates its own database, so tests never share rows.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    private PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async ValueTask InitializeAsync() => _cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions
    {
        Settings = new Dictionary<string, string> { ["max_connections"] = "200" },
    });

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) => Cluster.CreateUniqueDatabaseAsync(prefix);

    /// <summary>Stops the server at once, as a crash or outage looks to clients.</summary>
    public Task StopAsync() => Cluster.StopAsync(PostgresStopMode.Immediate);

    public Task StartAsync() => Cluster.StartAgainAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
