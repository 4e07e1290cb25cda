using Acceptance.Support.Environment;
using Acceptance.Support.Integrity;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>Whether the text that was embedded is the text that was parsed.</summary>
[Binding]
public sealed class ChunkTextSteps(StoredTextDriver storedText, UploadedDocuments uploads, EvidenceRecorder evidence,
    IUnitTestRuntimeProvider runtime)
{
    [Then("the chunks, their overlaps removed, are the parsed text word for word")]
    public async Task ThenTheChunksAreTheParsedText()
    {
        if (storedText.UnreachableBecause is { } reason) runtime.NotVerifiedOnThisTarget(TargetReadings.StoredFiles, reason);
        var documentId = uploads.Last.Outcome.DocumentId ?? throw new InvalidOperationException("The last upload was refused; there is no stored document.");
        var (parsed, chunks) = await storedText.ParsedTextAndChunksAsync(documentId);
        evidence.AttachJson("chunks-against-parsed-text", new { parsedChars = parsed.Length, chunks = chunks.Count, chunkChars = chunks.Select(c => c.Content.Length) });
        StoredDataChecks.ChunksReproduceTheParsedText(parsed, chunks);
    }
}
