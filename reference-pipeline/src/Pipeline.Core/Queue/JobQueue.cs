using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Pipeline.Core.Errors;
using Pipeline.Core.Events;
using Pipeline.Core.Options;
using Pipeline.Contract;

namespace Pipeline.Core.Queue;

/// <summary>
/// The durable work queue in <c>upload_pipeline.upload_jobs</c>: claims with SKIP LOCKED and a
/// lease, fenced stage commits, retries with backoff, dead letters: the workers' side. New jobs come
/// in through <see cref="JobIntake"/>, the api-server's side.
/// </summary>
/// <param name="rules">The SQL rules of claims, fencing and retries; <see cref="QueueRules.Correct"/> unless a test replaces them.</param>
public sealed class JobQueue(NpgsqlDataSource db, WorkerOptions options, QueueRules? rules = null, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private readonly QueueRules _rules = rules ?? QueueRules.Correct;

    /// <summary>
    /// Claims one ready job (or one whose lease expired), or returns null when there is none.
    /// A reclaimed job counts its crashed attempt as a retry and gets a <c>lease_reclaimed</c> event;
    /// once its lost leases (since it was last requeued) reach MaxAttempts it is dead-lettered (<c>lease-expired</c>) instead of handed out.
    /// </summary>
    public async Task<ClaimedJob?> ClaimAsync(string workerId, TimeSpan leaseDuration, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            WITH candidate AS (
                SELECT job_id, state AS previous_state, claimed_by AS previous_holder, probe_of
                FROM upload_pipeline.upload_jobs
                WHERE {_rules.ClaimableJobs}
                ORDER BY next_attempt_at, created_at
                LIMIT 1
                {_rules.ClaimRowLock})
            UPDATE upload_pipeline.upload_jobs AS j
            SET state = 'working',
                claimed_by = @worker_id,
                lease_token = j.lease_token + 1,
                lease_expires_at = now() + @lease,
                -- Resuming a job parked for the parser is not a new attempt: waiting is not failing.
                -- Nor is a probe of a set-aside job's dependency: it asks about the dependency, not the job.
                attempt_count = j.attempt_count + CASE WHEN j.parked_at IS NULL AND j.probe_of IS NULL THEN 1 ELSE 0 END,
                retry_count = j.retry_count + CASE WHEN c.previous_state = 'working' THEN 1 ELSE 0 END,
                parked_at = NULL,
                probe_of = NULL,
                updated_at = now()
            FROM candidate AS c
            WHERE j.job_id = c.job_id
            RETURNING j.job_id, j.document_id, j.correlation_id, j.user_id, j.stage, j.attempt_count,
                      j.retry_count, j.lease_token, j.payload::text, c.previous_state, c.previous_holder, c.probe_of
            """, connection, transaction);
        command.Parameters.AddWithValue("worker_id", workerId);
        command.Parameters.AddWithValue("lease", leaseDuration);

        ClaimedJob claimed;
        string? previousHolder;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return null;
            claimed = new ClaimedJob(
                JobId: reader.GetGuid(0),
                DocumentId: reader.GetGuid(1),
                CorrelationId: reader.GetGuid(2),
                UserId: reader.GetString(3),
                Stage: reader.GetString(4),
                State: JobStates.Working,
                AttemptCount: reader.GetInt32(5),
                RetryCount: reader.GetInt32(6),
                LeaseToken: reader.GetInt64(7),
                WorkerId: workerId,
                Payload: ParsePayload(reader.GetString(8)),
                Reclaimed: reader.GetString(9) == JobStates.Working,
                ProbeOf: reader.IsDBNull(11) ? null : reader.GetString(11));
            previousHolder = reader.IsDBNull(10) ? null : reader.GetString(10);
        }

        if (claimed.Reclaimed)
        {
            await EventWriter.WriteAsync(connection, transaction, Event(claimed, EventTypes.LeaseReclaimed, claimed.Stage,
                JobStates.Working, new { previousHolder, leaseToken = claimed.LeaseToken, attempt = claimed.AttemptCount }), ct);
            var leaseLosses = await SetAsideJobs.LeaseLossesAsync(connection, transaction, claimed.JobId, ct);
            if (leaseLosses >= options.MaxAttempts)
            {
                // A job whose workers keep dying (a poison document) must not crash workers forever.
                await DeadletterLostJobAsync(connection, transaction, claimed, leaseLosses, ct);
                await transaction.CommitAsync(ct);
                return null;
            }
        }
        await transaction.CommitAsync(ct);
        return claimed;
    }

    private static async Task DeadletterLostJobAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedJob claimed,
        long leaseLosses, CancellationToken ct)
    {
        const string code = "lease-expired";
        var message = $"The workers handling this job stopped renewing its lease {leaseLosses} times at stage " +
                      $"{claimed.Stage} (crashed or hung); set aside so it cannot crash more workers. Requeue it once the cause is fixed.";
        await using var command = new NpgsqlCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET state = 'deadletter', last_error_code = @code, last_error_message = @message, last_error_retryable = true,
                lease_expires_at = NULL, finished_at = now(), updated_at = now()
            WHERE job_id = @job_id AND lease_token = @token
            """, connection, transaction);
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("message", message);
        command.Parameters.AddWithValue("job_id", claimed.JobId);
        command.Parameters.AddWithValue("token", claimed.LeaseToken);
        await command.ExecuteNonQueryAsync(ct);
        await EventWriter.WriteAsync(connection, transaction, Event(claimed, EventTypes.Deadlettered, claimed.Stage, JobStates.Deadletter,
            new { code, message, retryable = true, failure = claimed.RetryCount }), ct);
    }

    /// <summary>
    /// Extends the lease while the token still matches. <see cref="LeaseRenewal.TakenOver"/> means
    /// another claim holds the job now; <see cref="LeaseRenewal.HandedBack"/> that this holder itself
    /// let it go (parked for the parser, finished, failed), so there is nothing to renew and nothing to warn about.
    /// </summary>
    public async Task<LeaseRenewal> RenewLeaseAsync(ClaimedJob claimed, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            WITH renewed AS (
                UPDATE upload_pipeline.upload_jobs
                SET lease_expires_at = {_rules.RenewedLeaseExpiry}
                WHERE job_id = @job_id {_rules.LeaseFence} AND state = 'working'
                RETURNING job_id)
            SELECT (SELECT count(*) FROM renewed), lease_token FROM upload_pipeline.upload_jobs WHERE job_id = @job_id
            """);
        command.Parameters.AddWithValue("lease", options.Lease);
        command.Parameters.AddWithValue("job_id", claimed.JobId);
        command.Parameters.AddWithValue("token", claimed.LeaseToken);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return LeaseRenewal.HandedBack;
        if (reader.GetInt64(0) == 1) return LeaseRenewal.Renewed;
        return reader.GetInt64(1) == claimed.LeaseToken ? LeaseRenewal.HandedBack : LeaseRenewal.TakenOver;
    }

    /// <summary>
    /// How long until a queued or retryable job falls due or a lease expires (zero when one already
    /// has), or null when nothing is scheduled: an idle worker sleeps that long, not a fixed poll.
    /// </summary>
    public async Task<TimeSpan?> NextDueInAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT greatest(interval '0', least(
                (SELECT min(next_attempt_at) FROM upload_pipeline.upload_jobs WHERE state IN ('queued', 'retryable')),
                (SELECT min(lease_expires_at) FROM upload_pipeline.upload_jobs WHERE state = 'working')) - now())
            """);
        return await command.ExecuteScalarAsync(ct) as TimeSpan?;
    }

    /// <summary>
    /// Begins the commit of the stage this job finished: its outputs and its move to
    /// <paramref name="newStage"/>/<paramref name="newState"/> in one fenced transaction (see <see cref="StageCommit"/>).
    /// </summary>
    public StageCommit BeginStageCommit(ClaimedJob claimed, string newStage, string newState) =>
        new(db, options, _rules, claimed, newStage, newState);

    /// <summary>A stage commit with nothing but the job's advance (and a payload patch).</summary>
    public Task<ClaimedJob> CommitStageAsync(ClaimedJob claimed, string newStage, string newState,
        JsonObject? payloadPatch = null, CancellationToken ct = default) =>
        BeginStageCommit(claimed, newStage, newState).WithPayload(payloadPatch).CommitAsync(ct);

    /// <summary>
    /// Records a failure. A retryable error schedules the next attempt after capped, jittered backoff
    /// (or the provider's Retry-After when longer) for as long as the job's retry window lasts
    /// (<see cref="WorkerOptions.RetryWindowSeconds"/>, counted from its first failure at this stage);
    /// then, and at once for a permanent error, the job is set aside (<c>deadletter</c>). A set-aside
    /// retryable job goes back to work when its dependency is healthy again (<see cref="SetAsideJobs"/>). Fenced like a commit.
    /// </summary>
    public async Task<FailureOutcome> FailAsync(ClaimedJob claimed, PipelineError error, CancellationToken ct,
        JsonObject? payloadPatch = null)
    {
        var failureNumber = claimed.RetryCount + 1;
        var retryable = _rules.IsRetried(error);
        var now = DateTimeOffset.UtcNow;
        var streak = RetryStreak.Of(claimed, now);
        var retryAfter = _rules.RequestedPause(error);
        TimeSpan? delay = retryable
            ? RetryBackoff.Delay(failureNumber, options.BackoffBaseMs, options.BackoffMaxMs, retryAfter, _random)
            : null;
        // Set aside now when the next attempt would fall outside the window: it would be one too many.
        var deadletter = delay is not { } wait || streak.Elapsed(now) + wait > options.RetryWindow;
        if (deadletter) delay = null;
        var patch = streak.Record(payloadPatch);

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET state = @state,
                retry_count = retry_count + @retry_increment,
                next_attempt_at = now() + @delay,
                payload = payload || @patch,
                last_error_code = @code,
                last_error_message = @message,
                last_error_retryable = @retryable,
                lease_expires_at = NULL,
                finished_at = CASE WHEN @state = 'deadletter' THEN now() ELSE NULL END,
                updated_at = now()
            WHERE job_id = @job_id AND lease_token = @token AND state = 'working'
            RETURNING next_attempt_at
            """, connection, transaction);

        var message = deadletter && error.Retryable
            ? $"{error.Message} (set aside after {failureNumber} failed attempts over {RetryStreak.Describe(streak.Elapsed(now))}; " +
              (ErrorCatalogue.RevivesByItself(error.Code)
                  ? "it goes back to work by itself once its dependency is healthy again, or when an operator requeues it)"
                  : "an operator requeues it once the cause is fixed)")
            : error.Message;
        command.Parameters.AddWithValue("state", deadletter ? JobStates.Deadletter : JobStates.Retryable);
        command.Parameters.AddWithValue("retry_increment", deadletter ? 0 : 1);
        command.Parameters.AddWithValue("delay", delay ?? TimeSpan.Zero);
        command.Parameters.Add(Jsonb("patch", patch));
        command.Parameters.AddWithValue("code", error.Code);
        // Provider and database messages may quote the document's text; keep them storable.
        message = StoredText.Clean(message);
        command.Parameters.AddWithValue("message", message);
        command.Parameters.AddWithValue("retryable", error.Retryable);
        command.Parameters.AddWithValue("job_id", claimed.JobId);
        command.Parameters.AddWithValue("token", claimed.LeaseToken);
        var nextAttemptAt = await command.ExecuteScalarAsync(ct) as DateTime?
            ?? throw new LeaseLostException(claimed.JobId, claimed.LeaseToken);

        var eventType = deadletter ? EventTypes.Deadlettered : EventTypes.RetryScheduled;
        await EventWriter.WriteAsync(connection, transaction, Event(claimed, eventType, claimed.Stage,
            deadletter ? JobStates.Deadletter : JobStates.Retryable,
            new
            {
                code = error.Code,
                message,
                retryable = error.Retryable,
                failure = failureNumber,
                delayMs = delay?.TotalMilliseconds,
                retryAfterMs = error.RetryAfter?.TotalMilliseconds,
                failingSince = streak.Since,
            }), ct);
        await transaction.CommitAsync(ct);
        return new FailureOutcome(deadletter, deadletter ? null : new DateTimeOffset(nextAttemptAt, TimeSpan.Zero), delay);
    }

    /// <summary>Gives an unfinished job back (graceful stop): queued again at once, not a failure.</summary>
    public async Task<bool> ReleaseAsync(ClaimedJob claimed, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET state = 'queued', next_attempt_at = now(), claimed_by = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE job_id = @job_id AND lease_token = @token AND state = 'working'
            """, connection, transaction);
        command.Parameters.AddWithValue("job_id", claimed.JobId);
        command.Parameters.AddWithValue("token", claimed.LeaseToken);
        if (await command.ExecuteNonQueryAsync(ct) == 0) return false;
        await EventWriter.WriteAsync(connection, transaction,
            Event(claimed, EventTypes.Released, claimed.Stage, JobStates.Queued, new { reason = "worker stopping" }), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Parks the job in <c>parsing/queued</c> (marked <c>parked_at</c>, so resuming it is not an attempt)
    /// until the parser finishes: the webhook wakes it
    /// (<see cref="Providers.ParserWebhooks.WakeAsync"/>); otherwise it is polled after ParsePollSeconds. Releases the lease.
    /// </summary>
    public async Task WaitForParserAsync(ClaimedJob claimed, JsonObject? payloadPatch, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET stage = 'parsing', state = 'queued', payload = payload || @patch,
                -- Due at once when the parser's webhook already came while we were still working on the job.
                next_attempt_at = CASE WHEN parser_finished_at IS NOT NULL THEN now() ELSE now() + @poll END,
                parser_finished_at = NULL,
                claimed_by = NULL, lease_expires_at = NULL, parked_at = now(), updated_at = now()
            WHERE job_id = @job_id AND lease_token = @token AND state = 'working'
            RETURNING payload->>'parserJobId'
            """, connection, transaction);
        command.Parameters.AddWithValue("poll", TimeSpan.FromSeconds(options.ParsePollSeconds));
        command.Parameters.Add(Jsonb("patch", payloadPatch));
        command.Parameters.AddWithValue("job_id", claimed.JobId);
        command.Parameters.AddWithValue("token", claimed.LeaseToken);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) throw new LeaseLostException(claimed.JobId, claimed.LeaseToken);
            var parserJobId = reader.IsDBNull(0) ? null : reader.GetString(0);
            await reader.CloseAsync();
            await EventWriter.WriteAsync(connection, transaction, Event(claimed, EventTypes.WaitingForParser, Stages.Parsing,
                JobStates.Queued, new { parserJobId, pollSeconds = options.ParsePollSeconds }), ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Records the parser's job id as soon as the document is uploaded to the parser, so that a
    /// webhook arriving before the job is parked finds it (see <see cref="Providers.ParserWebhooks.WakeAsync"/>), and
    /// a worker that takes over after a crash follows that parser job instead of paying for a second parse. Fenced.
    /// </summary>
    public async Task RecordParserJobAsync(ClaimedJob claimed, string parserJobId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET payload = jsonb_set(payload, '{parserJobId}', to_jsonb(@parser_job_id::text)), updated_at = now()
            WHERE job_id = @job_id AND lease_token = @token AND state = 'working'
            """);
        command.Parameters.AddWithValue("parser_job_id", parserJobId);
        command.Parameters.AddWithValue("job_id", claimed.JobId);
        command.Parameters.AddWithValue("token", claimed.LeaseToken);
        if (await command.ExecuteNonQueryAsync(ct) == 0) throw new LeaseLostException(claimed.JobId, claimed.LeaseToken);
    }

    internal static PipelineEvent Event(ClaimedJob claimed, string type, string stage, string state, object detail) =>
        new(claimed.JobId, claimed.DocumentId, claimed.CorrelationId, type, stage, state, claimed.WorkerId, detail);

    internal static NpgsqlParameter Jsonb(string name, JsonObject? value) =>
        new(name, NpgsqlDbType.Jsonb) { Value = value?.ToJsonString() ?? "{}" };

    internal static JsonObject ParsePayload(string json) => JsonNode.Parse(json) as JsonObject ?? new JsonObject();
}
