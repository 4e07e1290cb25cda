using FluentAssertions;
using Npgsql;

namespace Pipeline.TestKit.Tests.Postgres;

public sealed class PostgresClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_started_cluster_answers_queries_on_loopback()
    {
        await using var cluster = await PostgresCluster.StartAsync(ct: Ct);

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT current_user || '@' || inet_server_addr()::text, current_setting('fsync')", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);

        reader.GetString(0).Should().Be("postgres@127.0.0.1/32");
        reader.GetString(1).Should().Be("off", "speed is the default for throw-away clusters");
        cluster.IsRunning.Should().BeTrue();
        cluster.Port.Should().BeGreaterThan(0);
        File.Exists(cluster.LogFile).Should().BeTrue();
    }

    [Fact]
    public async Task A_created_database_is_fresh_and_reachable()
    {
        await using var cluster = await PostgresCluster.StartAsync(ct: Ct);

        var connectionString = await cluster.CreateDatabaseAsync("pipeline_test", Ct);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT current_database(), count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        reader.GetString(0).Should().Be("pipeline_test");
        reader.GetInt64(1).Should().Be(0);
    }

    [Fact]
    public async Task Database_names_that_are_not_plain_identifiers_are_refused()
    {
        await using var cluster = await PostgresCluster.StartAsync(ct: Ct);

        var act = () => cluster.CreateDatabaseAsync("x\"; DROP DATABASE postgres; --", Ct);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Committed_data_survives_a_fast_stop_and_a_restart_on_the_same_port()
    {
        await using var cluster = await PostgresCluster.StartAsync(ct: Ct);
        await ExecuteAsync(cluster.ConnectionString, "CREATE TABLE policies (id int PRIMARY KEY, holder text); INSERT INTO policies VALUES (1, 'Dana')");
        var port = cluster.Port;

        await cluster.StopAsync(PostgresStopMode.Fast);
        cluster.IsRunning.Should().BeFalse();
        await cluster.StartAgainAsync(Ct);

        cluster.Port.Should().Be(port);
        cluster.IsRunning.Should().BeTrue();
        (await ScalarAsync(cluster.ConnectionString, "SELECT holder FROM policies WHERE id = 1")).Should().Be("Dana");
    }

    [Fact]
    public async Task An_immediate_stop_makes_connections_fail_until_started_again()
    {
        await using var cluster = await PostgresCluster.StartAsync(ct: Ct);
        await ExecuteAsync(cluster.ConnectionString, "CREATE TABLE claims (id int); INSERT INTO claims VALUES (7)");

        await cluster.StopAsync(PostgresStopMode.Immediate);

        var connect = () => ScalarAsync(cluster.ConnectionString, "SELECT 1");
        await connect.Should().ThrowAsync<NpgsqlException>();
        cluster.IsRunning.Should().BeFalse();

        await cluster.StartAgainAsync(Ct);
        (await ScalarAsync(cluster.ConnectionString, "SELECT id FROM claims")).Should().Be(7, "crash recovery replays the committed insert");
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_removes_its_folder()
    {
        var cluster = await PostgresCluster.StartAsync(ct: Ct);
        var root = cluster.RootDirectory;
        var connectionString = cluster.ConnectionString;

        await cluster.DisposeAsync();
        await cluster.DisposeAsync(); // twice is harmless

        Directory.Exists(root).Should().BeFalse();
        var connect = () => ScalarAsync(connectionString, "SELECT 1");
        await connect.Should().ThrowAsync<NpgsqlException>();
    }

    [Fact]
    public void Missing_binaries_are_reported_with_the_install_command()
    {
        var act = () => PostgresBinaries.LocateIn(["/nonexistent/bin"]);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*apt-get install -y postgresql*")
            .WithMessage("*scripts/setup.sh*");
    }

    [Fact]
    public void The_newest_installed_binaries_are_found()
    {
        var bin = PostgresBinaries.Locate();

        File.Exists(Path.Combine(bin, "initdb")).Should().BeTrue();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
