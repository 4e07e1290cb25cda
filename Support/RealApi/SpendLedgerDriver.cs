using Acceptance.Support.Environment;
using Npgsql;

namespace Acceptance.Support.RealApi;

/// <summary>One row of the pipeline's provider spend ledger: a paid call reserved, settled, released or refused.</summary>
public sealed record SpendEntry(string RunId, string Provider, string Status, decimal EstimatedUsd, decimal? ActualUsd, decimal CapUsd, string Units, DateTimeOffset At);

/// <summary>Reads the reference pipeline's spend ledger (upload_pipeline.provider_spend); never writes.</summary>
public sealed class SpendLedgerDriver(IPipelineEnvironment environment) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create(environment.DatabaseConnectionString);

    /// <summary>Entries of one budget run, or of every run when <paramref name="runId"/> is null.</summary>
    public async Task<IReadOnlyList<SpendEntry>> EntriesAsync(string? runId)
    {
        await using var command = _db.CreateCommand("""
            SELECT run_id, provider, status, estimated_usd, actual_usd, cap_usd, units::text, created_at
            FROM upload_pipeline.provider_spend WHERE @run::text IS NULL OR run_id = @run ORDER BY spend_id
            """);
        command.Parameters.AddWithValue("run", (object?)runId ?? DBNull.Value);
        var entries = new List<SpendEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new SpendEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3),
                reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.GetDecimal(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return entries;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
