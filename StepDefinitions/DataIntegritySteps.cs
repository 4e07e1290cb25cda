using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Acceptance.Support.Configuration;
using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Evidence;
using FluentAssertions;
using Reqnroll;

namespace Acceptance.StepDefinitions;

[Binding]
public sealed partial class DataIntegritySteps(PipelineDatabaseDriver database, UploadedDocuments uploads, SuiteOptions options, EvidenceRecorder evidence)
{
    [Then("the stored file is byte-for-byte the uploaded file")]
    public async Task ThenTheStoredFileIsTheUploadedFile()
    {
        var upload = uploads.Last;
        var stored = await StoredDocumentAsync();
        var uploadedHash = Convert.ToHexStringLower(SHA256.HashData(upload.Document.Bytes));
        stored.Sha256.Should().Be(uploadedHash, "the pipeline must record the hash of exactly the bytes that were uploaded");
        stored.SizeBytes.Should().Be(upload.Document.Bytes.Length);
        if (File.Exists(stored.StoragePath))
            Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(stored.StoragePath))).Should().Be(uploadedHash, "the stored file must be the uploaded file");
    }

    [Then("the parsed content contains the document's own wording")]
    public async Task ThenTheParsedContentContainsTheDocumentsWording()
    {
        var stored = await StoredDocumentAsync();
        stored.ParsedSha256.Should().NotBeNullOrEmpty("the parsed content should be recorded with its hash");
        var chunks = await database.FinalChunksAsync(stored.DocumentId);
        var text = Normalize(string.Join(" ", chunks.Select(c => c.Content)));
        text.Should().Contain(Normalize(uploads.Last.Document.ExpectedTextSnippet));
        if (stored.ParsedPath is { } parsedPath && File.Exists(parsedPath))
        {
            // Where the parsed text is reachable (local target), the last chunk must end where it ends.
            var ending = string.Join(' ', Normalize(await File.ReadAllTextAsync(parsedPath)).Split(' ').TakeLast(8));
            Normalize(chunks[^1].Content).Should().EndWith(ending, "the final chunks must reach the end of the parsed document");
        }
    }

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
        chunks.Should().OnlyContain(c => c.Embedding.Length == options.Pipeline.EmbeddingDimensions);
        chunks.Should().OnlyContain(c => Math.Abs(Norm(c.Embedding) - 1.0) < 1e-3, "embeddings are unit length");
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

    private async Task<StoredDocument> StoredDocumentAsync()
    {
        var documentId = uploads.Last.Outcome.DocumentId ?? throw new InvalidOperationException("The last upload was refused; there is no stored document.");
        return await database.DocumentAsync(documentId) ?? throw new InvalidOperationException($"Document {documentId} is not in the database.");
    }

    private static double Norm(float[] vector) => Math.Sqrt(vector.Sum(v => (double)v * v));

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
