using Npgsql;
using NpgsqlTypes;
using Pipeline.Core.Events;
using Pipeline.Contract;

namespace Pipeline.Core.Queue;

/// <summary>
/// The api-server's side of the queue: a new upload becomes a job. The worker's side (claiming,
/// leases, stage commits, failures) is <see cref="JobQueue"/>; the two meet only in the jobs table.
/// </summary>
public static class JobIntake
{
    /// <summary>
    /// Inserts a new job at <c>job_validated/queued</c> with its <c>upload_received</c> event (detail:
    /// <see cref="NewJob.Received"/>) and its first <c>stage_transition</c>, inside the caller's
    /// transaction: the api-server inserts the document row in the same one.
    /// </summary>
    public static async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewJob job,
        CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO upload_pipeline.upload_jobs
                (job_id, document_id, user_id, correlation_id, idempotency_key, stage, state, payload)
            VALUES (@job_id, @document_id, @user_id, @correlation_id, @idempotency_key, 'job_validated', 'queued', @payload)
            """, connection, transaction);
        command.Parameters.AddWithValue("job_id", job.JobId);
        command.Parameters.AddWithValue("document_id", job.DocumentId);
        command.Parameters.AddWithValue("user_id", job.UserId);
        command.Parameters.AddWithValue("correlation_id", job.CorrelationId);
        command.Parameters.AddWithValue("idempotency_key", job.IdempotencyKey);
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = job.Payload?.ToJsonString() ?? "{}" });
        await command.ExecuteNonQueryAsync(ct);
        await EventWriter.WriteAsync(connection, transaction, new PipelineEvent(job.JobId, job.DocumentId, job.CorrelationId,
            EventTypes.UploadReceived, Stages.JobValidated, JobStates.Queued, Detail: job.Received), ct);
        await EventWriter.WriteAsync(connection, transaction, new PipelineEvent(job.JobId, job.DocumentId, job.CorrelationId,
            EventTypes.StageTransition, Stages.JobValidated, JobStates.Queued,
            Detail: new { from = (string?)null, to = Stages.JobValidated }), ct);
    }
}
