namespace Acceptance.StepDefinitions;

/// <summary>Completion notices that claim to come from the parser, and what the pipeline makes of them.</summary>
[Binding]
public sealed class ParserNoticeSteps(ParserNoticeDriver notices, DocumentUploader uploader, UploadedDocuments uploads)
{
    private static readonly TimeSpan HandedOverWithin = TimeSpan.FromSeconds(30);
    private NoticeAnswer? _answer;

    [Given("{persona}'s {document} is with the parser")]
    public async Task GivenTheDocumentIsWithTheParser(Persona persona, TestDocument document)
    {
        var outcome = (await uploader.UploadAsync(persona, document)).Outcome;
        await notices.UntilAwaitingNoticeAsync(outcome.JobId ?? throw new InvalidOperationException($"The upload was refused: {outcome.Answer}."),
            HandedOverWithin);
    }

    [When("someone sends a completion notice for it without the parser's token")]
    public async Task WhenSomeoneSendsAForgedNotice() => _answer = await notices.SendWithoutTheTokenAsync(uploads.Last.Outcome.JobId!);

    [Then("the notice is refused")]
    public void ThenTheNoticeIsRefused() =>
        _answer.Should().Be(NoticeAnswer.Refused, "a notice that does not carry the token the pipeline gave the parser proves nothing");
}
