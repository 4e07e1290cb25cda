using FluentAssertions;
using Pipeline.Core.Chunking;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Core.Tests;

public sealed class ChunkStoreTests(PostgresServer server)
{
    private const string Model = "text-embedding-3-small";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Buffering_chunks_and_vectors_again_adds_no_rows()
    {
        await using var db = await TestDatabase.CreateAsync(server, "store_rerun");
        var (documentId, _, _) = await db.SeedJobAsync();
        var chunks = new TextChunker(64, 8).Chunk(documentId, SampleText.Policy(12));

        for (var run = 0; run < 2; run++)
        {
            await BufferChunksAsync(db, documentId, chunks);
            var pending = await ChunkStore.PendingEmbeddingsAsync(db.DataSource, documentId, Model, Ct);
            pending.Should().HaveCount(run == 0 ? chunks.Count : 0, "a re-run only embeds chunks without a vector");
            await ChunkStore.BufferVectorsAsync(db.DataSource, documentId, Model, Vectors(chunks), Ct);
        }

        (await CountAsync(db, "document_chunk_buffer", documentId)).Should().Be(chunks.Count);
        (await CountAsync(db, "document_vector_buffer", documentId)).Should().Be(chunks.Count);
    }

    [Fact]
    public async Task The_final_move_stores_each_chunk_once_with_its_vector_and_clears_the_buffers()
    {
        await using var db = await TestDatabase.CreateAsync(server, "store_final");
        var (documentId, _, _) = await db.SeedJobAsync();
        var chunks = new TextChunker(64, 8).Chunk(documentId, SampleText.Policy(8));

        for (var run = 0; run < 2; run++)
        {
            await BufferChunksAsync(db, documentId, chunks);
            await ChunkStore.BufferVectorsAsync(db.DataSource, documentId, Model, Vectors(chunks), Ct);
            await using var connection = await db.DataSource.OpenConnectionAsync(Ct);
            await using var transaction = await connection.BeginTransactionAsync(Ct);
            var stored = await ChunkStore.MoveToFinalAsync(connection, transaction, documentId, Model, Ct);
            await transaction.CommitAsync(Ct);
            stored.Should().Be(chunks.Count);
        }

        (await CountAsync(db, "document_chunks", documentId)).Should().Be(chunks.Count, "no chunk is stored twice");
        (await CountAsync(db, "document_chunk_buffer", documentId)).Should().Be(0);
        (await CountAsync(db, "document_vector_buffer", documentId)).Should().Be(0);
        var firstVector = await db.ScalarAsync<float[]>(
            "SELECT embedding::real[] FROM upload_pipeline.document_chunks WHERE document_id = @id AND chunk_ordinal = 0", ("id", documentId));
        firstVector.Should().Equal(Vectors(chunks)[0].Vector);
    }

    [Fact]
    public async Task The_final_move_refuses_chunks_without_vectors()
    {
        await using var db = await TestDatabase.CreateAsync(server, "store_missing");
        var (documentId, _, _) = await db.SeedJobAsync();
        var chunks = new TextChunker(64, 8).Chunk(documentId, SampleText.Policy(4));
        await BufferChunksAsync(db, documentId, chunks);
        await ChunkStore.BufferVectorsAsync(db.DataSource, documentId, Model, Vectors(chunks).Take(1).ToList(), Ct);

        await using var connection = await db.DataSource.OpenConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var move = () => ChunkStore.MoveToFinalAsync(connection, transaction, documentId, Model, Ct);

        await move.Should().ThrowAsync<InvalidOperationException>().WithMessage("*have no vector*");
    }

    [Fact]
    public async Task Pending_chunks_come_a_page_at_a_time_in_order_and_each_once()
    {
        await using var db = await TestDatabase.CreateAsync(server, "store_pages");
        var (documentId, _, _) = await db.SeedJobAsync();
        var chunks = new TextChunker(64, 8).Chunk(documentId, SampleText.Policy(12));
        await BufferChunksAsync(db, documentId, chunks);
        await ChunkStore.BufferVectorsAsync(db.DataSource, documentId, Model, Vectors(chunks).Take(2).ToList(), Ct);

        // A few pages more than needed: pages that kept returning the same chunks would show as too many.
        var pages = await ChunkStore.PendingEmbeddingPagesAsync(db.DataSource, documentId, Model, pageSize: 5, ct: Ct)
            .Take(chunks.Count).ToListAsync(Ct);

        chunks.Should().HaveCountGreaterThan(12);
        pages.Should().OnlyContain(page => page.Count <= 5, "no page holds more than its size");
        pages.SelectMany(page => page).Select(c => c.ChunkId).Should().Equal(chunks.Skip(2).Select(c => c.ChunkId),
            "every chunk without a vector comes once, in order, though none of the pages got its vectors stored");
    }

    private static async Task BufferChunksAsync(TestDatabase db, Guid documentId, IReadOnlyList<TextChunk> chunks)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync(Ct);
        await ChunkStore.BufferChunksAsync(connection, null, documentId, chunks, Ct);
    }

    private static List<(Guid ChunkId, float[] Vector)> Vectors(IReadOnlyList<TextChunk> chunks) =>
        chunks.Select(c => (c.ChunkId, new[] { c.Ordinal + 0.5f, 1f, -1f })).ToList();

    private static Task<long> CountAsync(TestDatabase db, string table, Guid documentId) =>
        db.ScalarAsync<long>($"SELECT count(*) FROM upload_pipeline.{table} WHERE document_id = @id", ("id", documentId));
}
