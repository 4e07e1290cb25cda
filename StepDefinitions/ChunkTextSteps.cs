using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Acceptance.Support.Integrity;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>Whether the text that was embedded is the text the parser returned, cut into chunks of the configured size.</summary>
[Binding]
public sealed class ChunkTextSteps(StoredTextDriver storedText, PipelineDatabaseDriver database, ParserAnswerDriver parser, UploadedDocuments uploads, SuiteOptions options,
    EvidenceRecorder evidence, IUnitTestRuntimeProvider runtime)
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

    [Then("the chunks hold every word the parser returned for the document, in order")]
    public async Task ThenTheChunksHoldEveryWordTheParserReturned()
    {
        if (parser.UnreachableBecause is { } reason) runtime.NotVerifiedOnThisTarget(TargetReadings.ParserAnswers, reason);
        var upload = uploads.Last;
        var returned = await parser.MarkdownReturnedForAsync(upload.Document.FileName);
        // Only the real-API mode parses elsewhere than on the mock, while the mock keeps running for comparisons.
        if (returned is null) runtime.NotVerifiedOnThisTarget(TargetReadings.ParserAnswers, $"the mock LlamaParse parsed no file named {upload.Document.FileName}, so the pipeline's parser is another");
        var chunks = await database.FinalChunksAsync(DocumentId());
        var coverage = ChunkWordChecks.Cover(returned!, chunks);
        evidence.AttachJson("chunks-against-parser-answer", coverage);
        ChunkWordChecks.ChunksHoldEveryWord(coverage, "the parser returned");
    }

    [Then("the chunks hold every word the document was written with, in order")]
    public async Task ThenTheChunksHoldEveryWordOfTheDocument()
    {
        var document = uploads.Last.Document;
        if (document.Wording.Length == 0) throw new InvalidOperationException($"{document.FileName} has no text layer; this Then is for documents with words.");
        var chunks = await database.FinalChunksAsync(DocumentId());
        var coverage = ChunkWordChecks.Cover(document.Wording, chunks);
        evidence.AttachJson("chunks-against-document-wording", coverage);
        ChunkWordChecks.ChunksHoldEveryWord(coverage, $"{document.FileName} was written with");
    }

    private async Task<(string Parsed, IReadOnlyList<StoredChunk> Chunks)> StoredParseAndChunksAsync()
    {
        if (storedText.UnreachableBecause is { } reason) runtime.NotVerifiedOnThisTarget(TargetReadings.StoredFiles, reason);
        return await storedText.ParsedTextAndChunksAsync(DocumentId());
    }

    private string DocumentId() =>
        uploads.Last.Outcome.DocumentId ?? throw new InvalidOperationException("The last upload was refused; there is no stored document.");
}
