using System.Text.Json;
using Npgsql;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;

namespace ApiServer.Data;

/// <summary>Jobs as users see them (SQL here), and the parser webhook's nudge (SQL in Pipeline.Core's ParserWebhooks).</summary>
public sealed class JobStore(PipelineDatabase database, ReadAccess access, IParserNoticeCheck noticeCheck)
{
    public async Task<JobView?> GetAsync(string userId, Guid jobId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            SELECT job_id, document_id, correlation_id, stage, state, attempt_count, retry_count,
                   last_error_code, last_error_message, last_error_retryable, next_attempt_at
            FROM upload_pipeline.upload_jobs
            WHERE job_id = @job_id AND {access.OwnerCondition("user_id")};

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

    /// <summary>Why a parser webhook's URL is refused (no such job, no token issued, a wrong token), or null when its token is the job's.</summary>
    public async Task<string?> ParserWebhookRefusalAsync(Guid jobId, string token, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await ParserWebhooks.RefusalAsync(connection, jobId, token, ct, noticeCheck);
    }

    /// <summary>
    /// Authenticates a parser webhook by the job's token and, when the job waits for the parser, makes it
    /// due now (Pipeline.Core's <see cref="ParserWebhooks.WakeAsync"/>).
    /// </summary>
    public async Task<WebhookWake> WakeForParserWebhookAsync(Guid jobId, string token, long bodyBytes, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await ParserWebhooks.WakeAsync(connection, jobId, token, bodyBytes, ct, noticeCheck);
    }

    /// <summary>
    /// Sends a set-aside job back to work with a fresh retry window (Pipeline.Core's <see cref="SetAsideJobs"/>).
    /// Any user's job when <paramref name="ownerId"/> is null (operators), else only the owner's. Null when
    /// there is no such job; <c>Requeued</c> false when it exists but is not set aside.
    /// </summary>
    public async Task<(bool Found, RequeuedJob? Requeued)> RequeueAsync(Guid jobId, string? ownerId, string reason, string requestedBy,
        CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand(
            "SELECT 1 FROM upload_pipeline.upload_jobs WHERE job_id = @job_id AND (@owner::text IS NULL OR user_id = @owner)", connection))
        {
            exists.Parameters.AddWithValue("job_id", jobId);
            exists.Parameters.Add(new NpgsqlParameter("owner", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)ownerId ?? DBNull.Value });
            if (await exists.ExecuteScalarAsync(ct) is null) return (false, null);
        }
        return (true, await SetAsideJobs.RequeueAsync(connection, jobId, reason, requestedBy, ct));
    }
}
