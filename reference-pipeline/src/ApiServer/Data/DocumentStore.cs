using Npgsql;
using Pipeline.Core.Queue;

namespace ApiServer.Data;

/// <summary>Documents and the job each upload creates. All SQL for them is here.</summary>
public sealed class DocumentStore(PipelineDatabase database, ReadAccess access)
{
    /// <summary>The document this user already uploaded with these bytes, if any (deduplication).</summary>
    public Task<UploadResult?> FindByContentAsync(string userId, string sha256, CancellationToken ct) =>
        FindAsync(userId, "d.sha256 = @key", sha256, ct);

    /// <summary>This user's earliest document with this file name, if any.</summary>
    public Task<UploadResult?> FindByFileNameAsync(string userId, string fileName, CancellationToken ct) =>
        FindAsync(userId, "d.filename = @key", fileName, ct);

    private async Task<UploadResult?> FindAsync(string userId, string match, string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            SELECT d.document_id, j.job_id, j.correlation_id, j.stage, j.state
            FROM upload_pipeline.documents d
            JOIN upload_pipeline.upload_jobs j ON j.document_id = d.document_id
            WHERE d.user_id = @user_id AND {match}
            ORDER BY j.created_at
            LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("user_id", userId);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new UploadResult(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), Deduplicated: true,
                reader.GetString(3), reader.GetString(4))
            : null;
    }

    /// <summary>
    /// Records the document, its queued job and the job's first events (Pipeline.Core's
    /// <see cref="JobIntake.EnqueueAsync"/>) in one transaction.
    /// Returns false, writing nothing, when a concurrent upload of the same bytes by the same
    /// user won: the unique (user_id, sha256) key decides, so there is never a second row.
    /// </summary>
    public async Task<bool> TryCreateAsync(NewDocument document, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await using (var insertDocument = new NpgsqlCommand("""
            INSERT INTO upload_pipeline.documents
                (document_id, user_id, filename, mime, size_bytes, sha256, storage_path, page_count)
            VALUES (@document_id, @user_id, @filename, @mime, @size_bytes, @sha256, @storage_path, @page_count)
            ON CONFLICT (user_id, sha256) DO NOTHING
            """, connection, transaction))
        {
            insertDocument.Parameters.AddWithValue("document_id", document.DocumentId);
            insertDocument.Parameters.AddWithValue("user_id", document.UserId);
            insertDocument.Parameters.AddWithValue("filename", document.Filename);
            insertDocument.Parameters.AddWithValue("mime", document.Mime);
            insertDocument.Parameters.AddWithValue("size_bytes", document.SizeBytes);
            insertDocument.Parameters.AddWithValue("sha256", document.Sha256);
            insertDocument.Parameters.AddWithValue("storage_path", document.StoragePath);
            insertDocument.Parameters.Add(new NpgsqlParameter("page_count", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)document.PageCount ?? DBNull.Value });
            if (await insertDocument.ExecuteNonQueryAsync(ct) == 0)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }
        }

        await JobIntake.EnqueueAsync(connection, transaction, new NewJob(
            document.JobId, document.DocumentId, document.UserId, document.CorrelationId,
            IdempotencyKey(document.UserId, document.Sha256),
            Received: new { filename = document.Filename, sizeBytes = document.SizeBytes, sha256 = document.Sha256, pageCount = document.PageCount }),
            ct);

        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<DocumentView?> GetAsync(string userId, Guid documentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            SELECT d.document_id, j.job_id, d.filename, d.mime, d.size_bytes, d.sha256, d.parsed_sha256,
                   d.page_count, j.stage, j.state,
                   (SELECT count(*) FROM upload_pipeline.document_chunks c WHERE c.document_id = d.document_id),
                   d.created_at
            FROM upload_pipeline.documents d
            LEFT JOIN LATERAL (
                SELECT job_id, stage, state FROM upload_pipeline.upload_jobs
                WHERE document_id = d.document_id ORDER BY created_at LIMIT 1) j ON true
            WHERE d.document_id = @document_id AND {access.OwnerCondition("d.user_id")}
            """, connection);
        command.Parameters.AddWithValue("document_id", documentId);
        command.Parameters.AddWithValue("user_id", userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new DocumentView(
            reader.GetGuid(0),
            reader.IsDBNull(1) ? null : reader.GetGuid(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetInt64(4),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetInt32(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.GetInt64(10),
            reader.GetFieldValue<DateTimeOffset>(11));
    }

    /// <summary>One job per (user, content): the job table's unique key backs up the document's.</summary>
    public static string IdempotencyKey(string userId, string sha256) => $"upload:{userId}:{sha256}";
}
