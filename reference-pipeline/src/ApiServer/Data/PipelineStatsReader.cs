using Npgsql;
using Pipeline.Core;
using Pipeline.Core.Events;
using Pipeline.Contract;

namespace ApiServer.Data;

public sealed record StageDuration(string Stage, double P50Seconds, double P95Seconds, long Samples);

/// <summary>What the queue and the audit trail say right now, for the metrics scrape.</summary>
public sealed record PipelineStats(
    IReadOnlyDictionary<(string Stage, string State), long> Jobs,
    long QueueDepth,
    double QueueOldestAgeSeconds,
    long DeadletterJobs,
    IReadOnlyDictionary<string, long> StageTransitions,
    long Retries,
    IReadOnlyList<StageDuration> StageDurations,
    IReadOnlyDictionary<string, double> StageOldestJobAgeSeconds);

/// <summary>
/// Reads pipeline-wide numbers from the database. Workers, not the api-server, move jobs, so the
/// database is the only place that sees every process's work. Every read is bounded: by counters,
/// by the current jobs, or by the last hour of the audit trail, so a scrape costs the same however
/// long the trail grows.
/// </summary>
public sealed class PipelineStatsReader(PipelineDatabase database)
{
    /// <summary>Stage latencies describe recent behaviour, and the window bounds the scan.</summary>
    public static readonly TimeSpan DurationWindow = TimeSpan.FromHours(1);

    public async Task<PipelineStats> ReadAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT stage, state, count(*) FROM upload_pipeline.upload_jobs GROUP BY stage, state;

            -- Ready work nobody has claimed yet, and how long the oldest of it has been due.
            SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(next_attempt_at)), 0)::float8
            FROM upload_pipeline.upload_jobs
            WHERE state IN (@queued, @retryable) AND next_attempt_at <= now();

            SELECT count(*) FROM upload_pipeline.upload_jobs WHERE state = @deadletter;

            -- Totals of the whole trail, kept up to date by a trigger (migration 007): a scrape reads a few rows, never the trail.
            SELECT stage, count FROM upload_pipeline.event_counts
            WHERE event_type = @stage_transition AND stage <> '';

            SELECT coalesce(sum(count), 0)::bigint FROM upload_pipeline.event_counts WHERE event_type = @retry_scheduled;

            -- A stage lasts from the transition into it to the job's next transition.
            WITH spans AS (
                SELECT stage, EXTRACT(EPOCH FROM lead(created_at) OVER (PARTITION BY job_id ORDER BY event_id) - created_at)::float8 AS seconds
                FROM upload_pipeline.events
                WHERE event_type = @stage_transition AND created_at > now() - @window)
            SELECT stage,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY seconds),
                   count(*)
            FROM spans WHERE seconds IS NOT NULL AND stage IS NOT NULL GROUP BY stage;

            -- Unfinished jobs: how long since each entered its current stage (the stuck-job signal).
            SELECT j.stage, max(EXTRACT(EPOCH FROM now() - COALESCE(
                       (SELECT max(e.created_at) FROM upload_pipeline.events e
                        WHERE e.job_id = j.job_id AND e.event_type = @stage_transition), j.created_at)))::float8
            FROM upload_pipeline.upload_jobs j
            WHERE j.state NOT IN (@done, @deadletter)
            GROUP BY j.stage;
            """, connection);
        command.Parameters.AddWithValue("queued", JobStates.Queued);
        command.Parameters.AddWithValue("retryable", JobStates.Retryable);
        command.Parameters.AddWithValue("deadletter", JobStates.Deadletter);
        command.Parameters.AddWithValue("done", JobStates.Done);
        command.Parameters.AddWithValue("stage_transition", EventTypes.StageTransition);
        command.Parameters.AddWithValue("retry_scheduled", EventTypes.RetryScheduled);
        command.Parameters.AddWithValue("window", DurationWindow);

        await using var reader = await command.ExecuteReaderAsync(ct);
        var jobs = new Dictionary<(string, string), long>();
        while (await reader.ReadAsync(ct)) jobs[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var (depth, oldestAge) = (reader.GetInt64(0), reader.GetDouble(1));

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var deadletter = reader.GetInt64(0);

        await reader.NextResultAsync(ct);
        var transitions = new Dictionary<string, long>();
        while (await reader.ReadAsync(ct)) transitions[reader.GetString(0)] = reader.GetInt64(1);

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var retries = reader.GetInt64(0);

        await reader.NextResultAsync(ct);
        var durations = new List<StageDuration>();
        while (await reader.ReadAsync(ct))
        {
            durations.Add(new StageDuration(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3)));
        }

        await reader.NextResultAsync(ct);
        var stageAges = new Dictionary<string, double>();
        while (await reader.ReadAsync(ct)) stageAges[reader.GetString(0)] = reader.GetDouble(1);

        return new PipelineStats(jobs, depth, oldestAge, deadletter, transitions, retries, durations, stageAges);
    }
}
