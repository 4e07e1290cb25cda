using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pipeline.Core.Database;

/// <summary>
/// Applies the embedded Migrations/*.sql in file-name order, each once, recorded in
/// <c>upload_pipeline.schema_migrations</c>. A transaction-scoped advisory lock serialises
/// concurrent service starts, so the api-server and several workers may start together.
/// </summary>
public static class MigrationRunner
{
    // Any constant works; it only has to be the same in every process.
    private const long AdvisoryLockKey = 0x5049_5045_4C49_4E45; // "PIPELINE"
    private const string ResourcePrefix = "Migrations.";

    public static async Task ApplyAsync(NpgsqlDataSource db, ILogger logger, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ct, ("key", AdvisoryLockKey));
        await ExecuteAsync(connection, transaction, """
            CREATE SCHEMA IF NOT EXISTS upload_pipeline;
            CREATE TABLE IF NOT EXISTS upload_pipeline.schema_migrations (
                name       text        PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, ct);

        var applied = new HashSet<string>();
        await using (var read = new NpgsqlCommand("SELECT name FROM upload_pipeline.schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        }

        foreach (var (name, sql) in EmbeddedMigrations())
        {
            if (applied.Contains(name)) continue;
            await ExecuteAsync(connection, transaction, sql, ct);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO upload_pipeline.schema_migrations (name) VALUES (@name)", ct, ("name", name));
            logger.LogInformation("Applied migration {Migration}", name);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>The embedded migrations as (file name, SQL), in name order.</summary>
    public static IReadOnlyList<(string Name, string Sql)> EmbeddedMigrations()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(ct);
    }
}
