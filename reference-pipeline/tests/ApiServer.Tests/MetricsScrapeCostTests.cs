using ApiServer.Data;
using ApiServer.Tests.Support;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ApiServer.Tests;

/// <summary>
/// The audit trail only grows, and Prometheus scrapes every few seconds: a scrape must read a
/// bounded number of its rows, while reporting the same totals as counting all of them would.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class MetricsScrapeCostTests(ApiServerFixture api)
{
    private const int OldTransitions = 20_000;
    private const int OldRetries = 3_000;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scrape_reads_few_rows_of_a_long_audit_trail_and_reports_its_whole_totals()
    {
        // A pool of one connection: the reader's queries and the statistics read back run on the same server process.
        var connectionString = new NpgsqlConnectionStringBuilder(await api.Postgres.CreateUniqueDatabaseAsync("scrape_cost", Ct))
            { MaxPoolSize = 1 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var database = new PipelineDatabase(dataSource, NullLogger<PipelineDatabase>.Instance);
        await database.EnsureMigratedAsync(Ct);
        await ExecuteAsync(dataSource, $"""
            INSERT INTO upload_pipeline.documents (document_id, user_id, filename, mime, size_bytes, sha256, storage_path)
            VALUES ('00000000-0000-0000-0000-000000000001', 'user', 'policy.pdf', 'application/pdf', 1, 'sha', '/policy.pdf');
            INSERT INTO upload_pipeline.upload_jobs (job_id, document_id, user_id, correlation_id, idempotency_key, stage, state)
            VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'user',
                    '00000000-0000-0000-0000-000000000003', 'key', 'embedded', 'done');
            -- Months of finished work: old transitions into parsing and embedded, and old retries.
            INSERT INTO upload_pipeline.events (job_id, correlation_id, event_type, stage, state, created_at)
            SELECT '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000003', 'stage_transition',
                   CASE WHEN n % 2 = 0 THEN 'parsing' ELSE 'embedded' END, 'done', now() - interval '90 days' + n * interval '1 minute'
            FROM generate_series(1, {OldTransitions}) AS n;
            INSERT INTO upload_pipeline.events (job_id, correlation_id, event_type, stage, state, created_at)
            SELECT '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000003', 'retry_scheduled',
                   'parsing', 'retryable', now() - interval '90 days'
            FROM generate_series(1, {OldRetries});
            ANALYZE upload_pipeline.events;
            """);
        var reader = new PipelineStatsReader(database);
        var before = await EventRowsReadAsync(dataSource);

        var stats = await reader.ReadAsync(Ct);

        var read = await EventRowsReadAsync(dataSource) - before;
        stats.StageTransitions.Should().BeEquivalentTo(new Dictionary<string, long>
            { ["parsing"] = OldTransitions / 2, ["embedded"] = OldTransitions / 2 });
        stats.Retries.Should().Be(OldRetries);
        read.Should().BeLessThan((OldTransitions + OldRetries) / 100,
            "a scrape reads counters and the last hour of the trail, not all of it, however long it grows");
    }

    /// <summary>
    /// Rows of the audit trail read so far, by scans and by index lookups. This server process's own
    /// counts are flushed first (PostgreSQL 15+ flushes them lazily), so the reader's queries are in them.
    /// </summary>
    private static async Task<long> EventRowsReadAsync(NpgsqlDataSource dataSource)
    {
        await ExecuteAsync(dataSource, "SELECT pg_stat_force_next_flush()");
        await ExecuteAsync(dataSource, "SELECT pg_stat_clear_snapshot()");
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce(t.seq_tup_read, 0)
                   + coalesce((SELECT sum(i.idx_tup_read) FROM pg_stat_user_indexes i WHERE i.relid = t.relid), 0)
            FROM pg_stat_user_tables t WHERE t.schemaname = 'upload_pipeline' AND t.relname = 'events'
            """);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
