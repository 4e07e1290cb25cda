using Acceptance.Support.Environment;
using Acceptance.Support.Integrity;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>
/// Whether the chunks hold every word of what the parser returned and of what the test document was written with: checked
/// against sources outside the pipeline's storage, so a pipeline that stores a shortened text cannot agree with itself.
/// </summary>
[Binding]
public sealed class ChunkWordSteps(PipelineDatabaseDriver database, ParserAnswerDriver parser, UploadedDocuments uploads, EvidenceRecorder evidence, IUnitTestRuntimeProvider runtime)
{
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

    private string DocumentId() =>
        uploads.Last.Outcome.DocumentId ?? throw new InvalidOperationException("The last upload was refused; there is no stored document.");
}
