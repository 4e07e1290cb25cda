using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Pipeline.Core.Chunking;

/// <summary>A buffered chunk that still needs a vector for the given model.</summary>
public sealed record PendingChunk(Guid ChunkId, string ChunkerVersion, int Ordinal, string Content, int TokenCount);

/// <summary>
/// The chunk and vector buffers and the final move to <c>document_chunks</c>. Every write is an
/// upsert on the natural key, so re-running a stage never duplicates a row.
/// </summary>
public static class ChunkStore
{
    /// <summary>Buffers the chunks one by one as they come; returns how many there were.</summary>
    public static async Task<int> BufferChunksAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid documentId, IEnumerable<TextChunk> chunks, CancellationToken ct)
    {
        var count = 0;
        foreach (var chunk in chunks)
        {
            count++;
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
        return count;
    }

    /// <summary>How many pending chunks the embedding stage reads (and so embeds and stores) at a time.</summary>
    public const int PendingPageSize = 256;

    /// <summary>Buffered chunks of the document with no vector yet for <paramref name="model"/>, in order.</summary>
    public static Task<IReadOnlyList<PendingChunk>> PendingEmbeddingsAsync(NpgsqlDataSource db, Guid documentId,
        string model, CancellationToken ct) => PendingEmbeddingsAsync(db, documentId, model, after: null, int.MaxValue, ct);

    /// <summary>
    /// The same chunks a page of at most <paramref name="pageSize"/> at a time, so a caller that embeds
    /// and stores each page before asking for the next holds one page of chunks and vectors whatever the
    /// document's length. A page follows the last chunk of the one before (not "what still has no
    /// vector"), so a chunk whose vector did not get stored is not read again in the same pass.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<PendingChunk>> PendingEmbeddingPagesAsync(NpgsqlDataSource db,
        Guid documentId, string model, int pageSize = PendingPageSize, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        PendingChunk? last = null;
        while (true)
        {
            var page = await PendingEmbeddingsAsync(db, documentId, model, last, pageSize, ct);
            if (page.Count > 0) yield return page;
            if (page.Count < pageSize) yield break;
            last = page[^1];
        }
    }

    private static async Task<IReadOnlyList<PendingChunk>> PendingEmbeddingsAsync(NpgsqlDataSource db, Guid documentId,
        string model, PendingChunk? after, int limit, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT c.chunk_id, c.chunker_version, c.chunk_ordinal, c.content, c.token_count
            FROM upload_pipeline.document_chunk_buffer AS c
            WHERE c.document_id = @document_id
              AND NOT EXISTS (SELECT 1 FROM upload_pipeline.document_vector_buffer AS v
                              WHERE v.chunk_id = c.chunk_id AND v.embedding_model = @model)
              AND (@after_version::text IS NULL OR (c.chunker_version, c.chunk_ordinal) > (@after_version::text, @after_ordinal))
            ORDER BY c.chunker_version, c.chunk_ordinal
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("document_id", documentId);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.Add(new NpgsqlParameter("after_version", NpgsqlDbType.Text) { Value = (object?)after?.ChunkerVersion ?? DBNull.Value });
        command.Parameters.AddWithValue("after_ordinal", after?.Ordinal ?? 0);
        command.Parameters.AddWithValue("limit", limit);
        var pending = new List<PendingChunk>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            pending.Add(new PendingChunk(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4)));
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
