namespace Acceptance.StepDefinitions;

/// <summary>The parser (LlamaParse) failing on purpose: down, unable to read a document, losing its completion notices.</summary>
[Binding]
public sealed class ParserFaultSteps(
    MockLlamaParseDriver parser, DocumentUploader uploader, JobWatch jobs, PipelineApiDriver api, FaultWindow fault)
{
    [Given("the parser has been down while {persona} uploaded a batch of {int} insurance documents")]
    public async Task GivenTheParserWasDownDuringUploads(Persona persona, int count)
    {
        await GivenTheParserIsDown();
        var batch = await uploader.UploadBatchAsync(persona, TestDocuments.PolicyBatch(count), concurrency: 3);
        batch.Should().OnlyContain(u => u.Outcome.Accepted, "uploads do not depend on the parser");
        // Readiness is sampled on every look, for "the service stayed ready while the parser was down".
        await jobs.UntilRetriedAsync(batch, times: 2, TimeSpan.FromSeconds(45),
            meanwhile: async () => fault.ReadinessSeen.Add(await api.ReadinessAsync()));
    }

    [Given("the parser is down")]
    public async Task GivenTheParserIsDown()
    {
        await parser.GoDownAsync();
        fault.Begin("parser outage");
    }

    [When("the parser comes back")]
    public async Task WhenTheParserComesBack()
    {
        await parser.ClearFaultsAsync();
        fault.End();
    }

    [Given("the parser fails every time it reads {document}")]
    public Task GivenTheParserFailsToRead(TestDocument document) =>
        parser.FailToReadAsync(document.FileName, "The pages of this document could not be read.");

    [Given("the parser's completion notices are lost")]
    public Task GivenCompletionNoticesAreLost() => parser.LoseCompletionNoticesAsync();
}
