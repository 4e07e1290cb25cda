using System.Text.Json;
using Npgsql;
using Pipeline.Core.Queue;

namespace Pipeline.Core.Costs;

public static class PaidProviders
{
    public const string LlamaParse = "llamaparse";
    public const string OpenAi = "openai";
}

/// <summary>One provider's spend in a run: calls made, calls refused by the cap, estimated and actual dollars.</summary>
public sealed record ProviderSpend(string Provider, long Calls, long Refused, decimal EstimatedUsd, decimal ActualUsd, decimal CapUsd);

/// <summary>A reservation made before a paid call; settle it with what the provider reports it cost.</summary>
public sealed record SpendReservation(long SpendId, string Provider, decimal EstimatedUsd);

/// <summary>
/// The run's spend per provider, in PostgreSQL so every worker process of the run shares one cap.
/// Before each paid call the caller reserves its estimated cost; the reservation is refused, and the
/// call never made, when settled plus reserved spend plus this call would pass the cap. After the
/// call it is settled from the provider's own usage figures, or released if nothing was charged.
/// </summary>
public sealed class SpendLedger(NpgsqlDataSource db, BudgetOptions budget)
{
    public decimal CapFor(string provider) => provider == PaidProviders.LlamaParse ? budget.LlamaParseUsd : budget.OpenAiUsd;

    /// <summary>Reserves <paramref name="estimatedUsd"/> or throws a permanent <c>budget-exceeded</c> error.</summary>
    public async Task<SpendReservation> ReserveAsync(string provider, Guid? jobId, decimal estimatedUsd, object units, CancellationToken ct)
    {
        var cap = CapFor(provider);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // One reservation at a time per run and provider, across all worker processes.
        await using (var lockRun = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@key))", connection, transaction))
        {
            lockRun.Parameters.AddWithValue("key", $"provider-spend:{budget.RunId}:{provider}");
            await lockRun.ExecuteNonQueryAsync(ct);
        }
        decimal committed;
        await using (var sum = new NpgsqlCommand("""
            SELECT coalesce(sum(CASE status WHEN 'settled' THEN actual_usd WHEN 'reserved' THEN estimated_usd ELSE 0 END), 0)
            FROM upload_pipeline.provider_spend WHERE run_id = @run AND provider = @provider
            """, connection, transaction))
        {
            sum.Parameters.AddWithValue("run", budget.RunId);
            sum.Parameters.AddWithValue("provider", provider);
            committed = (decimal)(await sum.ExecuteScalarAsync(ct))!;
        }
        var refused = committed + estimatedUsd > cap;
        var spendId = await InsertAsync(connection, transaction, provider, jobId, refused ? "refused" : "reserved", estimatedUsd, cap, units, ct);
        await transaction.CommitAsync(ct);
        if (refused)
        {
            throw new PipelineErrorException(PipelineError.Permanent("budget-exceeded",
                $"The {provider} call was not made: its estimated ${estimatedUsd:0.######} would take this run's {provider} spend " +
                $"(${committed:0.######} settled or reserved) past the cap of ${cap:0.##}."));
        }
        return new SpendReservation(spendId, provider, estimatedUsd);
    }

    /// <summary>Records what the call actually cost, from the provider's usage figures.</summary>
    public Task SettleAsync(SpendReservation reservation, decimal actualUsd, object units, CancellationToken ct) =>
        CloseAsync(reservation, "settled", actualUsd, units, ct);

    /// <summary>The call failed before the provider charged anything (refused key, network error, 4xx/5xx).</summary>
    public Task ReleaseAsync(SpendReservation reservation, CancellationToken ct) =>
        CloseAsync(reservation, "released", 0m, new { }, ct);

    /// <summary>Settles the job's open reservation (made in another attempt, maybe by another worker).</summary>
    public Task SettleOpenAsync(string provider, Guid jobId, decimal actualUsd, object units, CancellationToken ct) =>
        CloseOpenAsync(provider, jobId, "settled", actualUsd, units, ct);

    public Task ReleaseOpenAsync(string provider, Guid jobId, CancellationToken ct) =>
        CloseOpenAsync(provider, jobId, "released", 0m, new { }, ct);

    /// <summary>Spend of this run per provider: estimated (all reservations made) and actual (settled).</summary>
    public async Task<IReadOnlyList<ProviderSpend>> SummaryAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT provider, count(*) FILTER (WHERE status <> 'refused'), count(*) FILTER (WHERE status = 'refused'),
                   coalesce(sum(estimated_usd) FILTER (WHERE status <> 'refused'), 0), coalesce(sum(actual_usd) FILTER (WHERE status = 'settled'), 0), max(cap_usd)
            FROM upload_pipeline.provider_spend WHERE run_id = @run GROUP BY provider ORDER BY provider
            """);
        command.Parameters.AddWithValue("run", budget.RunId);
        var rows = new List<ProviderSpend>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new ProviderSpend(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5)));
        return rows;
    }

    private async Task CloseOpenAsync(string provider, Guid jobId, string status, decimal actualUsd, object units, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            UPDATE upload_pipeline.provider_spend
            SET status = @status, actual_usd = @actual, units = units || @units::jsonb, settled_at = now()
            WHERE run_id = @run AND provider = @provider AND job_id = @job AND status = 'reserved'
            """);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("actual", actualUsd);
        command.Parameters.AddWithValue("units", JsonSerializer.Serialize(units));
        command.Parameters.AddWithValue("run", budget.RunId);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("job", jobId);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task CloseAsync(SpendReservation reservation, string status, decimal actualUsd, object units, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            UPDATE upload_pipeline.provider_spend
            SET status = @status, actual_usd = @actual, units = units || @units::jsonb, settled_at = now()
            WHERE spend_id = @id AND status = 'reserved'
            """);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("actual", actualUsd);
        command.Parameters.AddWithValue("units", JsonSerializer.Serialize(units));
        command.Parameters.AddWithValue("id", reservation.SpendId);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string provider, Guid? jobId,
        string status, decimal estimatedUsd, decimal cap, object units, CancellationToken ct)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO upload_pipeline.provider_spend (run_id, provider, job_id, status, estimated_usd, cap_usd, units)
            VALUES (@run, @provider, @job, @status, @estimated, @cap, @units::jsonb)
            RETURNING spend_id
            """, connection, transaction);
        insert.Parameters.AddWithValue("run", budget.RunId);
        insert.Parameters.AddWithValue("provider", provider);
        insert.Parameters.AddWithValue("job", (object?)jobId ?? DBNull.Value);
        insert.Parameters.AddWithValue("status", status);
        insert.Parameters.AddWithValue("estimated", estimatedUsd);
        insert.Parameters.AddWithValue("cap", cap);
        insert.Parameters.AddWithValue("units", JsonSerializer.Serialize(units));
        return (long)(await insert.ExecuteScalarAsync(ct))!;
    }
}
