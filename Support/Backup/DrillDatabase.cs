using Acceptance.Support.Waiting;
using Npgsql;

namespace Acceptance.Support.Backup;

/// <summary>A drill's own connections to the pipeline's database: unpooled, since the server is killed and replaced during a drill.</summary>
public static class DrillDatabase
{
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    /// <summary>A restored server opens for reads while it still replays the archive; writes wait for the end of recovery.</summary>
    public static Task UntilAcceptingWritesAsync(string connectionString, Waiter waiter, TimeSpan timeout) =>
        waiter.UntilAsync("the restored database accepting writes (recovery finished)",
            () => ScalarAsync<bool>(connectionString, "SELECT pg_is_in_recovery()"), inRecovery => !inRecovery,
            timeout, _ => "still replaying the archive");
}
