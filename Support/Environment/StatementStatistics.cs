using Npgsql;

namespace Acceptance.Support.Environment;

/// <summary>
/// pg_stat_statements (shipped with Debian's PostgreSQL) in the local cluster, so the database
/// scenarios can read how long the pipeline's claim, commit and vector writes take.
/// </summary>
public static class StatementStatistics
{
    public static IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        ["shared_preload_libraries"] = "pg_stat_statements",
        ["pg_stat_statements.track"] = "all",
        ["track_io_timing"] = "on",
    };

    public static async Task EnableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await command.ExecuteNonQueryAsync();
    }
}
