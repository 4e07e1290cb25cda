using System.Text.Json;
using Npgsql;
using Pipeline.Core;
using Pipeline.Core.Events;

namespace ApiServer.Data;

/// <summary>A pipeline job woken by a parser webhook.</summary>
public sealed record WokenJob(Guid JobId, Guid DocumentId, Guid CorrelationId);

/// <summary>Jobs as users see them, and the parser webhook's nudge. All SQL for them is here.</summary>
public sealed class JobStore(PipelineDatabase database)
{
    public async Task<JobView?> GetAsync(string userId, Guid jobId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT job_id, document_id, correlation_id, stage, state, attempt_count, retry_count,
                   last_error_code, last_error_message, last_error_retryable, next_attempt_at
            FROM upload_pipeline.upload_jobs
            WHERE job_id = @job_id AND user_id = @user_id;

            SELECT event_type, stage, state, created_at, detail::text
            FROM upload_pipeline.events
            WHERE job_id = @job_id
            ORDER BY event_id;
            """, connection);
        command.Parameters.AddWithValue("job_id", jobId);
        command.Parameters.AddWithValue("user_id", userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;

        LastError? lastError = reader.IsDBNull(7) ? null : new LastError(
            reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetBoolean(9),
            reader.GetFieldValue<DateTimeOffset>(10));
        var job = (Id: reader.GetGuid(0), DocumentId: reader.GetGuid(1), CorrelationId: reader.GetGuid(2),
            Stage: reader.GetString(3), State: reader.GetString(4), Attempts: reader.GetInt32(5), Retries: reader.GetInt32(6));

        await reader.NextResultAsync(ct);
        var timeline = new List<TimelineEntry>();
        while (await reader.ReadAsync(ct))
        {
            using var detail = JsonDocument.Parse(reader.GetString(4));
            timeline.Add(new TimelineEntry(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                detail.RootElement.Clone()));
        }
        return new JobView(job.Id, job.DocumentId, job.CorrelationId, job.Stage, job.State, job.Attempts, job.Retries,
            lastError, timeline);
    }

    /// <summary>
    /// Makes the job waiting on this parser job due now, so a worker claims it at once instead of
    /// at its next poll, and records the webhook. Null when no job waits on that parser job
    /// (unknown, already past parsing, or being worked on): webhooks are hints, safe to repeat.
    /// </summary>
    public async Task<WokenJob?> WakeForParserAsync(string parserJobId, string parserStatus, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        WokenJob? woken;
        string stage, state;
        await using (var command = new NpgsqlCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET next_attempt_at = now(), updated_at = now()
            WHERE payload->>'parserJobId' = @parser_job_id
              AND stage = @parsing AND state IN (@queued, @retryable)
            RETURNING job_id, document_id, correlation_id, stage, state
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("parser_job_id", parserJobId);
            command.Parameters.AddWithValue("parsing", Stages.Parsing);
            command.Parameters.AddWithValue("queued", JobStates.Queued);
            command.Parameters.AddWithValue("retryable", JobStates.Retryable);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }
            woken = new WokenJob(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2));
            (stage, state) = (reader.GetString(3), reader.GetString(4));
        }

        await EventWriter.WriteAsync(connection, transaction, new PipelineEvent(
            woken.JobId, woken.DocumentId, woken.CorrelationId, ApiEventTypes.WebhookReceived, stage, state,
            Detail: new { parserJobId, parserStatus }), ct);
        await transaction.CommitAsync(ct);
        return woken;
    }
}
