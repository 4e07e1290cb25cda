using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Pipeline.Core.Events;

/// <summary>One row of the audit trail. <paramref name="Detail"/> is serialised to jsonb.</summary>
public sealed record PipelineEvent(
    Guid? JobId,
    Guid? DocumentId,
    Guid CorrelationId,
    string EventType,
    string? Stage = null,
    string? State = null,
    string? WorkerId = null,
    object? Detail = null);

/// <summary>Writes events inside the caller's transaction, so an event exists only if its change does.</summary>
public static class EventWriter
{
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        PipelineEvent pipelineEvent, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO upload_pipeline.events
                (job_id, document_id, correlation_id, event_type, stage, state, worker_id, detail)
            VALUES (@job_id, @document_id, @correlation_id, @event_type, @stage, @state, @worker_id, @detail)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("job_id", NpgsqlDbType.Uuid) { Value = (object?)pipelineEvent.JobId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("document_id", NpgsqlDbType.Uuid) { Value = (object?)pipelineEvent.DocumentId ?? DBNull.Value });
        command.Parameters.AddWithValue("correlation_id", pipelineEvent.CorrelationId);
        command.Parameters.AddWithValue("event_type", pipelineEvent.EventType);
        command.Parameters.Add(new NpgsqlParameter("stage", NpgsqlDbType.Text) { Value = (object?)pipelineEvent.Stage ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = (object?)pipelineEvent.State ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("worker_id", NpgsqlDbType.Text) { Value = (object?)pipelineEvent.WorkerId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("detail", NpgsqlDbType.Jsonb)
        {
            Value = JsonSerializer.Serialize(pipelineEvent.Detail ?? new { }),
        });
        await command.ExecuteNonQueryAsync(ct);
    }
}
