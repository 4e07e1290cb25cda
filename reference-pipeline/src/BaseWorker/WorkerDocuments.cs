using Npgsql;

namespace BaseWorker;

/// <summary>The document facts a stage needs.</summary>
public sealed record StoredDocument(Guid DocumentId, string Filename, string StoragePath);

/// <summary>The worker's reads and writes of <c>upload_pipeline.documents</c>.</summary>
public sealed class WorkerDocuments(NpgsqlDataSource db)
{
    public async Task<StoredDocument> GetAsync(Guid documentId, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT filename, storage_path FROM upload_pipeline.documents WHERE document_id = @document_id");
        command.Parameters.AddWithValue("document_id", documentId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"Document {documentId} does not exist.");
        return new StoredDocument(documentId, reader.GetString(0), reader.GetString(1));
    }

    public static async Task RecordParsedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid documentId, string parsedPath, int? pageCount, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE upload_pipeline.documents
            SET parsed_path = @parsed_path, page_count = @page_count, updated_at = now()
            WHERE document_id = @document_id
            """, connection, transaction);
        command.Parameters.AddWithValue("parsed_path", parsedPath);
        command.Parameters.AddWithValue("page_count", (object?)pageCount ?? DBNull.Value);
        command.Parameters.AddWithValue("document_id", documentId);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task RecordParsedSha256Async(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid documentId, string parsedSha256, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE upload_pipeline.documents SET parsed_sha256 = @sha256, updated_at = now() WHERE document_id = @document_id",
            connection, transaction);
        command.Parameters.AddWithValue("sha256", parsedSha256);
        command.Parameters.AddWithValue("document_id", documentId);
        await command.ExecuteNonQueryAsync(ct);
    }
}
