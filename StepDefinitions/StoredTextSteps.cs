namespace Acceptance.StepDefinitions;

/// <summary>Text from real documents as the pipeline stores it: the words kept, the unstorable characters gone.</summary>
[Binding]
public sealed class StoredTextSteps(PipelineDatabaseDriver database, UploadedDocuments uploads, EvidenceRecorder evidence)
{
    [Then("its stored text keeps the letter's words but none of its control characters")]
    public async Task ThenTheStoredTextIsClean()
    {
        var chunks = await database.FinalChunksAsync(uploads.Last.Outcome.DocumentId!);
        var text = string.Join("\n", chunks.Select(c => c.Content));
        evidence.AttachText("stored-text", text);
        text.Should().Contain(uploads.Last.Document.ExpectedTextSnippet).And.Contain("acknowledge receipt of your claim",
            "cleaning removes characters, never words");
        text.Where(c => c < ' ' && c is not ('\t' or '\n' or '\r')).Should().BeEmpty("NUL and other control characters are not stored");
    }
}
