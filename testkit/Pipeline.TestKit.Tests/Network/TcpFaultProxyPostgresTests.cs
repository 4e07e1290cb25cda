using FluentAssertions;
using Npgsql;

namespace Pipeline.TestKit.Tests.Network;

public sealed class TcpFaultProxyPostgresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partition_in_front_of_postgres_times_out_queries_and_healing_restores_new_connections()
    {
        await using var cluster = await PostgresCluster.StartAsync(ct: Ct);
        await using var proxy = TcpFaultProxy.Start("postgres", "127.0.0.1", cluster.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(cluster.ConnectionString)
        {
            Port = proxy.Port,
            Pooling = false, // every open is a new TCP connection through the proxy
            CommandTimeout = 1,
            // On a timeout Npgsql sends a cancel request over a new connection, which the black hole also
            // swallows; that attempt is bounded by the connect timeout (about twice), so keep it short.
            Timeout = 1,
            CancellationTimeout = -1,
        }.ConnectionString;

        await using (var before = await OpenAsync(throughProxy))
            (await ScalarAsync(before, "SELECT inet_server_port()")).Should().Be(cluster.Port, "the query reached the real server");

        await using var partitioned = await OpenAsync(throughProxy);
        proxy.SetMode(ProxyMode.BlackHole);
        var query = () => ScalarAsync(partitioned, "SELECT 1");
        (await query.Should().ThrowAsync<NpgsqlException>()).WithInnerException<TimeoutException>();

        proxy.Heal();
        await using var after = await OpenAsync(throughProxy);
        (await ScalarAsync(after, "SELECT 'healed'")).Should().Be("healed");
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
