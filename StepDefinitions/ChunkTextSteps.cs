using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Acceptance.Support.Integrity;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>Whether the stored parse is cut into chunks of the configured size that give its text back word for word.</summary>
[Binding]
public sealed class ChunkTextSteps(StoredTextDriver storedText, UploadedDocuments uploads, SuiteOptions options, EvidenceRecorder evidence, IUnitTestRuntimeProvider runtime)
{
    [Then("the chunks, their overlaps removed, are the parsed text word for word")]
    public async Task ThenTheChunksAreTheParsedText()
    {
        var (parsed, chunks) = await StoredParseAndChunksAsync();
        evidence.AttachJson("chunks-against-parsed-text", new { parsedChars = parsed.Length, chunks = chunks.Count, chunkChars = chunks.Select(c => c.Content.Length) });
        StoredDataChecks.ChunksReproduceTheParsedText(parsed, chunks);
    }

    [Then("every chunk keeps within the configured token limits, as many as the document's length needs")]
    public async Task ThenEveryChunkKeepsWithinTheTokenLimits()
    {
        var (parsed, chunks) = await StoredParseAndChunksAsync();
        var sizes = ChunkSizeChecks.Measure(parsed, chunks, options.Pipeline.ChunkMaxTokens, options.Pipeline.ChunkOverlapTokens);
        evidence.AttachJson("chunk-sizes", sizes.AsEvidence());
        ChunkSizeChecks.KeepToTheLimits(sizes);
    }

    private async Task<(string Parsed, IReadOnlyList<StoredChunk> Chunks)> StoredParseAndChunksAsync()
    {
        if (storedText.UnreachableBecause is { } reason) runtime.NotVerifiedOnThisTarget(TargetReadings.StoredFiles, reason);
        return await storedText.ParsedTextAndChunksAsync(DocumentId());
    }

    private string DocumentId() =>
        uploads.Last.Outcome.DocumentId ?? throw new InvalidOperationException("The last upload was refused; there is no stored document.");
}
