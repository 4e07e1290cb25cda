using Npgsql;
using Pipeline.Core.Errors;
using Pipeline.Core.Events;
using Pipeline.Core.Options;
using Pipeline.Contract;

namespace Pipeline.Core.Queue;

/// <summary>A job sent back to work: what the caller needs to answer and log.</summary>
public sealed record RequeuedJob(Guid JobId, Guid DocumentId, Guid CorrelationId, string Stage, string? PreviousErrorCode);

/// <summary>
/// Sends set-aside (<c>deadletter</c>) jobs back to work. Automatically when a dependency proves
/// healthy again: a job passing the stage that needs it revives the jobs set aside for it, and a
/// periodic probe sends the oldest one back to find out. A revived job keeps its retry window, so if
/// the dependency is still down it is set aside again at its first failure. After
/// <see cref="WorkerOptions.MaxRevivals"/> revivals on proof of health (it kept failing while other jobs
/// passed: the document is the problem, not the dependency) it is neither probed nor revived; an
/// operator's requeue or a re-upload, which start a fresh window, send it back. All SQL for it is here.
/// </summary>
public sealed class SetAsideJobs(NpgsqlDataSource db, WorkerOptions options)
{
    public const string RevivalsKey = "revivals";

    /// <summary>
    /// Revives up to <paramref name="limit"/> jobs set aside for a transient error of <paramref name="dependency"/>.
    /// A revival on proof of health counts: a job that fails again after it is no victim of an outage.
    /// A <paramref name="probe"/> does not count, and its claim is no attempt of the job: failing, it only
    /// shows the dependency is still down (the job carries <c>probe_of</c> until it is claimed).
    /// </summary>
    public async Task<IReadOnlyList<RequeuedJob>> ReviveAsync(string dependency, string reason, string workerId, int limit,
        CancellationToken ct, bool probe = false)
    {
        var codes = ErrorCatalogue.TransientCodesOf(dependency).ToArray();
        if (codes.Length == 0) return [];
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            WITH revived AS (
                UPDATE upload_pipeline.upload_jobs AS j
                SET state = 'queued', next_attempt_at = now(), claimed_by = NULL, lease_expires_at = NULL,
                    finished_at = NULL, updated_at = now(), probe_of = CASE WHEN @probe THEN @dependency END,
                    payload = j.payload || jsonb_build_object('{RevivalsKey}', coalesce((j.payload->>'{RevivalsKey}')::int, 0) + @increment)
                WHERE j.job_id IN (
                    SELECT job_id FROM upload_pipeline.upload_jobs
                    WHERE state = 'deadletter' AND last_error_retryable AND last_error_code = ANY(@codes)
                      AND coalesce((payload->>'{RevivalsKey}')::int, 0) < @max_revivals
                    ORDER BY updated_at
                    LIMIT @limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING j.job_id, j.document_id, j.correlation_id, j.stage, j.last_error_code)
            {InsertRequeuedEvents("@worker_id", "jsonb_build_object('reason', @reason, 'dependency', @dependency, 'code', last_error_code, 'automatic', true)")}
            """, connection, transaction);
        command.Parameters.AddWithValue("codes", codes);
        command.Parameters.AddWithValue("max_revivals", options.MaxRevivals);
        command.Parameters.AddWithValue("increment", probe ? 0 : 1);
        command.Parameters.AddWithValue("probe", probe);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("worker_id", workerId);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("dependency", dependency);
        var revived = await ReadAsync(command, ct);
        await transaction.CommitAsync(ct);
        return revived;
    }

    /// <summary>
    /// Sends a set-aside job back to work with a fresh retry window (an operator's requeue, or its
    /// bytes uploaded again). Returns null, changing nothing, when the job is not set aside.
    /// </summary>
    public static async Task<RequeuedJob?> RequeueAsync(NpgsqlConnection connection, Guid jobId, string reason, string requestedBy,
        CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            WITH revived AS (
                UPDATE upload_pipeline.upload_jobs
                SET state = 'queued', next_attempt_at = now(), claimed_by = NULL, lease_expires_at = NULL,
                    finished_at = NULL, updated_at = now(), probe_of = NULL,
                    payload = payload - '{RetryStreak.SinceKey}' - '{RetryStreak.StageKey}' - '{RevivalsKey}'
                WHERE job_id = @job_id AND state = 'deadletter'
                RETURNING job_id, document_id, correlation_id, stage, last_error_code)
            {InsertRequeuedEvents("NULL", "jsonb_build_object('reason', @reason, 'requestedBy', @requested_by, 'code', last_error_code, 'automatic', false)")}
            """, connection, transaction);
        command.Parameters.AddWithValue("job_id", jobId);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("requested_by", requestedBy);
        var requeued = await ReadAsync(command, ct);
        await transaction.CommitAsync(ct);
        return requeued.SingleOrDefault();
    }

    /// <summary>Leases of this job lost since it was last requeued (each a crashed or hung worker).</summary>
    public static async Task<long> LeaseLossesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid jobId,
        CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT count(*) FROM upload_pipeline.events
            WHERE job_id = @job_id AND event_type = '{EventTypes.LeaseReclaimed}'
              AND event_id > coalesce((SELECT max(event_id) FROM upload_pipeline.events
                                       WHERE job_id = @job_id AND event_type = '{EventTypes.Requeued}'), 0)
            """, connection, transaction);
        command.Parameters.AddWithValue("job_id", jobId);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    // The requeued event is written by the same statement as the change, so one exists only with the other.
    private static string InsertRequeuedEvents(string workerId, string detail) => $"""
        , written AS (
            INSERT INTO upload_pipeline.events (job_id, document_id, correlation_id, event_type, stage, state, worker_id, detail)
            SELECT job_id, document_id, correlation_id, '{EventTypes.Requeued}', stage, 'queued', {workerId}, {detail}
            FROM revived)
        SELECT job_id, document_id, correlation_id, stage, last_error_code FROM revived
        """;

    private static async Task<IReadOnlyList<RequeuedJob>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var jobs = new List<RequeuedJob>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            jobs.Add(new RequeuedJob(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        return jobs;
    }
}
