using System.Text.RegularExpressions;
using Acceptance.Support.Analysis;
using Acceptance.Support.Configuration;
using Acceptance.Support.RealApi;

namespace Acceptance.StepDefinitions;

/// <summary>4.4-real-vs-mock: the real services' results for a document side by side with the mocks' for the same bytes.</summary>
[Binding]
public sealed partial class RealVsMockSteps(
    PipelineDatabaseDriver database, StoredFileReader files, MockParserDriver mockParser, UploadedDocuments uploads, SuiteOptions options,
    EvidenceRecorder evidence)
{
    [Then("the real parser's text, chunk count and vectors are comparable to the mocks' for the same policy")]
    public async Task ThenTheRealResultsAreComparableToTheMocks()
    {
        var upload = uploads.Last;
        var stored = await database.DocumentAsync(upload.Outcome.DocumentId!);
        var parsed = await files.ParsedTextOfAsync(stored!);
        parsed.Exists.Should().BeTrue($"the real parser's text {parsed.Path} must be stored");
        var realText = parsed.Content!;
        var mockText = await mockParser.MarkdownOfAsync(upload.Document.FileName, upload.Document.Bytes);
        var realChunks = await database.FinalChunksAsync(upload.Outcome.DocumentId!);
        var mockChunkCount = ChunkingEstimate.Of(mockText, options.Pipeline.ChunkMaxTokens, options.Pipeline.ChunkOverlapTokens).Chunks;
        var similarity = SharedWordSimilarity(realText, mockText);
        var chunkRatio = (double)Math.Max(realChunks.Count, mockChunkCount) / Math.Max(1, Math.Min(realChunks.Count, mockChunkCount));
        var timeline = new StageTimeline(await database.StageTransitionsAsync(upload.Outcome.JobId!));

        evidence.AttachJson("real-vs-mock", new
        {
            document = upload.Document.FileName,
            textSimilarity = new { real = realText.Length, mock = mockText.Length, sharedWords = similarity, threshold = options.RealApi.MinTextSimilarity },
            chunks = new { real = realChunks.Count, mock = mockChunkCount, ratio = chunkRatio, threshold = options.RealApi.MaxChunkCountRatio },
            dimension = new { real = realChunks.Select(c => c.Embedding.Length).Distinct(), configured = options.Pipeline.EmbeddingDimensions },
            realStageLatencies = timeline.AsEvidence(upload.Document.FileName, baseline: $"real services: {upload.Document.FileName}"),
        });
        similarity.Should().BeGreaterThanOrEqualTo(options.RealApi.MinTextSimilarity, "the real parser reads the same words as the mock from the same PDF");
        chunkRatio.Should().BeLessThanOrEqualTo(options.RealApi.MaxChunkCountRatio);
        realChunks.Should().OnlyContain(c => c.Embedding.Length == options.Pipeline.EmbeddingDimensions
            && Math.Abs(Math.Sqrt(c.Embedding.Sum(x => (double)x * x)) - 1) < 1e-3, "OpenAI's vectors and the mock's are unit length of the configured dimension");
    }

    /// <summary>Shared distinct words over all distinct words (Jaccard), case-insensitive: markup and layout do not count.</summary>
    private static double SharedWordSimilarity(string a, string b)
    {
        var left = Words().Matches(a.ToLowerInvariant()).Select(m => m.Value).ToHashSet();
        var right = Words().Matches(b.ToLowerInvariant()).Select(m => m.Value).ToHashSet();
        return left.Count + right.Count == 0 ? 1 : (double)left.Intersect(right).Count() / left.Union(right).Count();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]{3,}")]
    private static partial Regex Words();
}
