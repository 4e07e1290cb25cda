using Npgsql;
using NpgsqlTypes;

namespace Pipeline.Core.Chunking;

/// <summary>A buffered chunk that still needs a vector for the given model.</summary>
public sealed record PendingChunk(Guid ChunkId, int Ordinal, string Content, int TokenCount);

/// <summary>
/// The chunk and vector buffers and the final move to <c>document_chunks</c>. Every write is an
/// upsert on the natural key, so re-running a stage never duplicates a row.
/// </summary>
public static class ChunkStore
{
    public static async Task BufferChunksAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid documentId, IReadOnlyList<TextChunk> chunks, CancellationToken ct)
    {
        foreach (var chunk in chunks)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO upload_pipeline.document_chunk_buffer
                    (chunk_id, document_id, chunk_ordinal, chunker_version, content, content_sha256, token_count)
                VALUES (@chunk_id, @document_id, @ordinal, @version, @content, @sha256, @tokens)
                ON CONFLICT (document_id, chunk_ordinal, chunker_version) DO NOTHING
                """, connection, transaction);
            command.Parameters.AddWithValue("chunk_id", chunk.ChunkId);
            command.Parameters.AddWithValue("document_id", documentId);
            command.Parameters.AddWithValue("ordinal", chunk.Ordinal);
            command.Parameters.AddWithValue("version", chunk.ChunkerVersion);
            command.Parameters.AddWithValue("content", chunk.Content);
            command.Parameters.AddWithValue("sha256", chunk.ContentSha256);
            command.Parameters.AddWithValue("tokens", chunk.TokenCount);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Buffered chunks of the document with no vector yet for <paramref name="model"/>, in order.</summary>
    public static async Task<IReadOnlyList<PendingChunk>> PendingEmbeddingsAsync(NpgsqlDataSource db, Guid documentId,
        string model, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT c.chunk_id, c.chunk_ordinal, c.content, c.token_count
            FROM upload_pipeline.document_chunk_buffer AS c
            WHERE c.document_id = @document_id
              AND NOT EXISTS (SELECT 1 FROM upload_pipeline.document_vector_buffer AS v
                              WHERE v.chunk_id = c.chunk_id AND v.embedding_model = @model)
            ORDER BY c.chunker_version, c.chunk_ordinal
            """);
        command.Parameters.AddWithValue("document_id", documentId);
        command.Parameters.AddWithValue("model", model);
        var pending = new List<PendingChunk>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            pending.Add(new PendingChunk(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3)));
        return pending;
    }

    /// <summary>Stores vectors for one batch in its own transaction, so a retry never pays for them again.</summary>
    public static async Task BufferVectorsAsync(NpgsqlDataSource db, Guid documentId, string model,
        IReadOnlyList<(Guid ChunkId, float[] Vector)> vectors, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var (chunkId, vector) in vectors)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO upload_pipeline.document_vector_buffer (chunk_id, embedding_model, document_id, embedding, dimensions)
                VALUES (@chunk_id, @model, @document_id, @embedding, @dimensions)
                ON CONFLICT (chunk_id, embedding_model) DO NOTHING
                """, connection, transaction);
            command.Parameters.AddWithValue("chunk_id", chunkId);
            command.Parameters.AddWithValue("model", model);
            command.Parameters.AddWithValue("document_id", documentId);
            command.Parameters.Add(new NpgsqlParameter("embedding", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = vector });
            command.Parameters.AddWithValue("dimensions", vector.Length);
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Copies every buffered chunk with its vector into <c>document_chunks</c> (idempotent), then
    /// clears the document's buffers. Runs inside the <c>embedded/done</c> commit's transaction.
    /// Returns how many chunks the document now has in the final table.
    /// </summary>
    public static async Task<int> MoveToFinalAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid documentId, string model, CancellationToken ct)
    {
        var missing = await ScalarIntAsync(connection, transaction, """
            SELECT count(*)::int FROM upload_pipeline.document_chunk_buffer AS c
            WHERE c.document_id = @document_id
              AND NOT EXISTS (SELECT 1 FROM upload_pipeline.document_vector_buffer AS v
                              WHERE v.chunk_id = c.chunk_id AND v.embedding_model = @model)
            """, documentId, model, ct);
        if (missing > 0) throw new InvalidOperationException($"{missing} buffered chunks of document {documentId} have no vector.");

        await ScalarIntAsync(connection, transaction, """
            WITH moved AS (
                INSERT INTO upload_pipeline.document_chunks
                    (chunk_id, document_id, chunk_ordinal, chunker_version, embedding_model, content, token_count, embedding)
                SELECT c.chunk_id, c.document_id, c.chunk_ordinal, c.chunker_version, v.embedding_model, c.content,
                       c.token_count, v.embedding
                FROM upload_pipeline.document_chunk_buffer AS c
                JOIN upload_pipeline.document_vector_buffer AS v
                  ON v.chunk_id = c.chunk_id AND v.embedding_model = @model
                WHERE c.document_id = @document_id
                ORDER BY c.chunk_ordinal
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT count(*)::int FROM moved
            """, documentId, model, ct);
        await ScalarIntAsync(connection, transaction,
            "WITH gone AS (DELETE FROM upload_pipeline.document_chunk_buffer WHERE document_id = @document_id RETURNING 1) SELECT count(*)::int FROM gone",
            documentId, model, ct);
        return await ScalarIntAsync(connection, transaction,
            "SELECT count(*)::int FROM upload_pipeline.document_chunks WHERE document_id = @document_id AND embedding_model = @model",
            documentId, model, ct);
    }

    private static async Task<int> ScalarIntAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        Guid documentId, string model, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("document_id", documentId);
        command.Parameters.AddWithValue("model", model);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
