using Acceptance.Support.Environment;
using Npgsql;

namespace Acceptance.Support.Drivers;

/// <summary>
/// What the performance scenarios read from PostgreSQL: the audit trail and queue of one load (its
/// users share a prefix), and the server's own statistics (pg_stat_database, pg_stat_activity,
/// pg_locks, pg_stat_user_tables, pg_stat_statements). Reads only, apart from resetting the
/// statement statistics at the start of a measurement.
/// </summary>
public sealed class LoadDatabaseDriver(IPipelineEnvironment environment) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db = new NpgsqlDataSourceBuilder(environment.DatabaseConnectionString)
    {
        ConnectionStringBuilder = { ApplicationName = "acceptance-load-probe", MaxPoolSize = 4 },
    }.Build();

    /// <summary>Jobs not yet finished, per stage (queued, retryable and working alike: they all wait for that stage).</summary>
    public async Task<IReadOnlyDictionary<string, int>> BacklogAsync(string userPrefix) =>
        (await QueryAsync("""
            SELECT stage, count(*)::int FROM upload_pipeline.upload_jobs
            WHERE user_id LIKE @prefix || '%' AND state NOT IN ('done', 'deadletter') GROUP BY stage
            """, r => (Stage: r.GetString(0), Count: r.GetInt32(1)), ("prefix", userPrefix)))
        .ToDictionary(r => r.Stage, r => r.Count);

    /// <summary>Jobs of the load embedded so far (state done): the documents processed, against which memory is fitted.</summary>
    public async Task<int> EmbeddedAsync(string userPrefix) =>
        (await QueryAsync("""
            SELECT count(*)::int FROM upload_pipeline.upload_jobs WHERE user_id LIKE @prefix || '%' AND state = 'done'
            """, r => r.GetInt32(0), ("prefix", userPrefix))).Single();

    public async Task<IReadOnlyList<LoadJob>> JobsAsync(string userPrefix) =>
        await QueryAsync("""
            SELECT job_id::text, user_id, stage, state, attempt_count, retry_count, last_error_code
            FROM upload_pipeline.upload_jobs WHERE user_id LIKE @prefix || '%'
            """, r => new LoadJob(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5),
                r.IsDBNull(6) ? null : r.GetString(6)), ("prefix", userPrefix));

    /// <summary>Every stage transition of the load's jobs, in order, from the audit trail.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StageTransition>>> TransitionsAsync(string userPrefix) =>
        (await QueryAsync("""
            SELECT e.job_id::text, e.stage, e.state, e.created_at, e.worker_id
            FROM upload_pipeline.events e JOIN upload_pipeline.upload_jobs j ON j.job_id = e.job_id
            WHERE j.user_id LIKE @prefix || '%' AND e.event_type = 'stage_transition' ORDER BY e.event_id
            """, r => (JobId: r.GetString(0), Transition: new StageTransition(r.GetString(1), r.GetString(2),
                r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(4) ? null : r.GetString(4))), ("prefix", userPrefix)))
        .GroupBy(r => r.JobId)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<StageTransition>)g.Select(r => r.Transition).ToList());

    /// <summary>The server's counters at this moment.</summary>
    public async Task<DatabaseSample> SampleAsync() =>
        (await QueryAsync("""
            SELECT
              (SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()),
              (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND application_name <> 'acceptance-load-probe'),
              (SELECT count(*)::int FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                 WHERE NOT l.granted AND d.datname = current_database()),
              (SELECT coalesce(sum(seq_scan), 0)::bigint FROM pg_stat_user_tables WHERE schemaname = 'upload_pipeline' AND relname = 'upload_jobs'),
              (SELECT coalesce(sum(idx_scan), 0)::bigint FROM pg_stat_user_tables WHERE schemaname = 'upload_pipeline' AND relname = 'upload_jobs'),
              (SELECT setting::int FROM pg_settings WHERE name = 'max_connections')
            """, r => new DatabaseSample(r.GetInt64(0), r.GetInt32(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4), r.GetInt32(5)))).Single();

    /// <summary>Whether pg_stat_statements is installed in the pipeline's database (null: it is; otherwise why not).</summary>
    public async Task<string?> StatementStatisticsMissingBecauseAsync() =>
        (await QueryAsync("SELECT count(*)::int FROM pg_extension WHERE extname = 'pg_stat_statements'", r => r.GetInt32(0))).Single() == 1
            ? null
            : "pg_stat_statements is not installed in the pipeline's database (add it to shared_preload_libraries and CREATE EXTENSION)";

    public async Task ResetStatementStatisticsAsync() =>
        await QueryAsync("SELECT 1 FROM pg_stat_statements_reset() LIMIT 1", r => r.GetInt32(0));

    /// <summary>The statements the pipeline ran since the last reset, with their call counts and timings.</summary>
    public async Task<IReadOnlyList<StatementTiming>> StatementsAsync() =>
        await QueryAsync("""
            SELECT s.query, s.calls, s.mean_exec_time, s.stddev_exec_time, s.max_exec_time
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND s.calls > 0 AND s.query ILIKE '%upload_pipeline.%'
            """, r => new StatementTiming(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)));

    private Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params (string Name, object Value)[] parameters) =>
        SqlRows.ReadAsync(_db, sql, map, parameters);

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}

public sealed record LoadJob(string JobId, string UserId, string Stage, string State, int AttemptCount, int RetryCount, string? LastErrorCode)
{
    public bool Embedded => Stage == "embedded" && State == "done";
    public override string ToString() => $"{JobId} {Stage}/{State} attempts={AttemptCount} retries={RetryCount} error={LastErrorCode}";
}

public sealed record DatabaseSample(long Deadlocks, int Connections, int LockWaits, long QueueSequentialScans, long QueueIndexScans, int MaxConnections);

/// <summary>One statement's timings; p95 is estimated as mean + 1.645 σ, since pg_stat_statements keeps no percentiles.</summary>
public sealed record StatementTiming(string Query, long Calls, double MeanMs, double StddevMs, double MaxMs)
{
    public double EstimatedP95Ms => MeanMs + 1.645 * StddevMs;
}
