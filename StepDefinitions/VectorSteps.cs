using Acceptance.Support.Environment;
using Acceptance.Support.Integrity;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>A document's chunks and vectors as stored: each chunk once, in order, with its own unit-length vector.</summary>
[Binding]
public sealed class VectorSteps(
    PipelineDatabaseDriver database, UploadedDocuments uploads, ExpectedEmbeddings embeddings, EmbeddingsResampler resampler,
    EvidenceRecorder evidence, IUnitTestRuntimeProvider runtime)
{
    /// <summary>The same text embedded twice by OpenAI reads 0.9999 or more; a neighbour's text, far less.</summary>
    private const double SameTextCosine = 0.99;

    [Then("every chunk has exactly one unit-length vector of the model's dimension")]
    public async Task ThenEveryChunkHasOneUnitVector()
    {
        var chunks = await database.FinalChunksAsync(uploads.Last.Outcome.DocumentId!);
        evidence.AttachJson("chunks", new
        {
            count = chunks.Count,
            dimensions = chunks.Select(c => c.Embedding.Length).Distinct(),
            tokens = chunks.Select(c => c.TokenCount),
            norms = chunks.Select(c => Math.Round(Norm(c.Embedding), 6)).Distinct(),
        });
        chunks.Should().NotBeEmpty("an embedded document has at least one chunk");
        chunks.Select(c => c.Ordinal).Should().Equal(Enumerable.Range(0, chunks.Count), "the final table must hold every chunk, in order, once");
        chunks.Should().OnlyContain(c => c.Embedding.Length == embeddings.Dimensions);
        chunks.Should().OnlyContain(c => Math.Abs(Norm(c.Embedding) - 1.0) < 1e-3, "embeddings are unit length");
    }

    [Then("each stored vector is the embedding of its own chunk's text")]
    public async Task ThenEachVectorBelongsToItsChunk()
    {
        if (embeddings.UnavailableBecause is { } why) runtime.NotVerifiedOnThisTarget(TargetReadings.Embeddings, why);
        StoredDataChecks.EachVectorBelongsToItsChunk(await database.FinalChunksAsync(uploads.Last.Outcome.DocumentId!), embeddings.Of);
    }

    [Then("a sample of its chunks, embedded again by the embeddings service within the run's budget, each match their own stored vector")]
    public async Task ThenASampleEmbeddedAgainMatchesItsStoredVectors()
    {
        var sample = EmbeddingsResampler.Sample(await database.FinalChunksAsync(uploads.Last.Outcome.DocumentId!));
        if (await resampler.CannotResampleAsync(sample) is { } why) runtime.NotVerifiedOnThisTarget(TargetReadings.Embeddings, why);
        var resampled = await resampler.EmbedAgainAsync(sample);
        evidence.AttachJson("vectors-embedded-again", new
        {
            chunks = sample.Select((chunk, i) => new
            {
                ordinal = chunk.Ordinal,
                tokens = chunk.TokenCount,
                cosineWithItsStoredVector = i < resampled.Fresh.Count ? Math.Round(StoredDataChecks.Cosine(resampled.Fresh[i], chunk.Embedding), 6) : (double?)null,
            }),
            tokensCharged = resampled.TokensCharged,
            usd = resampled.Usd,
        });
        StoredDataChecks.SampledVectorsAreTheirOwnChunks(sample, resampled.Fresh, SameTextCosine);
    }

    [Then("no staging row is left behind and no chunk is stored twice")]
    public async Task ThenNoStagingRowIsLeftBehind()
    {
        var counts = await database.RowCountsAsync(uploads.Last.Outcome.DocumentId!);
        evidence.AttachJson("row-counts", counts);
        counts.Documents.Should().Be(1);
        counts.Jobs.Should().Be(1);
        counts.BufferedChunks.Should().Be(0, "staged chunks move to the final table at 'embedded'");
        counts.BufferedVectors.Should().Be(0, "staged vectors move to the final table at 'embedded'");
        counts.FinalChunks.Should().Be(counts.DistinctFinalOrdinals, "no chunk may be stored twice");
    }

    private static double Norm(float[] vector) => Math.Sqrt(vector.Sum(v => (double)v * v));
}
