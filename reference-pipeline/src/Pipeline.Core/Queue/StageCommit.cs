using System.Text.Json.Nodes;
using Npgsql;
using Pipeline.Core.Events;
using Pipeline.Core.Options;
using Pipeline.Contract;

namespace Pipeline.Core.Queue;

/// <summary>
/// One stage's commit as a unit of work: the stage's outputs (the parsed-text record, its checksum,
/// the final chunks with their vectors) and the job's advance to the next stage, with its
/// <c>stage_transition</c> event, in one transaction, fenced by the lease token. Either all of it is
/// stored or, when the lease was lost meanwhile, none of it (<see cref="LeaseLostException"/>).
/// A stage that passes clears the job's last error: the job has recovered from it.
/// Begun with <see cref="JobQueue.BeginStageCommit"/>.
/// </summary>
/// <remarks>
/// Buffered chunks and the vectors of each embeddings request are not outputs of a commit: they are
/// checkpoints written as the work goes (idempotent upserts), so that a worker that dies mid-stage
/// leaves paid-for work behind for the next attempt instead of paying twice.
/// </remarks>
public sealed class StageCommit
{
    public delegate Task Output(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct);

    private readonly NpgsqlDataSource _db;
    private readonly WorkerOptions _options;
    private readonly QueueRules _rules;
    private readonly ClaimedJob _job;
    private readonly string _stage;
    private readonly string _state;
    private readonly List<Output> _outputs = [];
    private JsonObject? _payloadPatch;

    internal StageCommit(NpgsqlDataSource db, WorkerOptions options, QueueRules rules, ClaimedJob job, string stage, string state)
    {
        (_db, _options, _rules, _job, _stage, _state) = (db, options, rules, job, stage, state);
    }

    /// <summary>Merges <paramref name="patch"/> into the job's payload as part of the commit.</summary>
    public StageCommit WithPayload(JsonObject? patch)
    {
        _payloadPatch = patch;
        return this;
    }

    /// <summary>Writes <paramref name="output"/> in the commit's transaction, after the fence holds the job's row.</summary>
    public StageCommit Storing(Output output)
    {
        _outputs.Add(output);
        return this;
    }

    /// <summary>Commits outputs and advance together and returns the job as it now stands.</summary>
    public async Task<ClaimedJob> CommitAsync(CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The fenced update goes first: it locks the row, so nobody can reclaim it while the outputs are written.
        await using var command = new NpgsqlCommand($"""
            UPDATE upload_pipeline.upload_jobs
            SET stage = @stage,
                state = @state,
                payload = payload || @patch,
                lease_expires_at = CASE WHEN @state = 'working' THEN now() + @lease ELSE NULL END,
                finished_at = CASE WHEN @state IN ('done', 'deadletter') THEN now() ELSE finished_at END,
                -- The stage passed: whatever failed before is resolved (the timeline keeps its history).
                last_error_code = NULL, last_error_message = NULL, last_error_retryable = NULL,
                updated_at = now()
            WHERE job_id = @job_id AND state = 'working' {_rules.LeaseFence}
            RETURNING payload::text
            """, connection, transaction);
        command.Parameters.AddWithValue("stage", _stage);
        command.Parameters.AddWithValue("state", _state);
        command.Parameters.Add(JobQueue.Jsonb("patch", _payloadPatch));
        command.Parameters.AddWithValue("lease", _options.Lease);
        command.Parameters.AddWithValue("job_id", _job.JobId);
        command.Parameters.AddWithValue("token", _job.LeaseToken);
        var payload = await command.ExecuteScalarAsync(ct) as string
            ?? throw new LeaseLostException(_job.JobId, _job.LeaseToken);

        foreach (var output in _outputs) await output(connection, transaction, ct);
        await EventWriter.WriteAsync(connection, transaction, JobQueue.Event(_job, EventTypes.StageTransition, _stage, _state,
            new { from = _job.Stage, leaseToken = _job.LeaseToken }), ct);
        await transaction.CommitAsync(ct);
        return _job with { Stage = _stage, State = _state, Payload = JobQueue.ParsePayload(payload) };
    }
}
