namespace Acceptance.StepDefinitions;

/// <summary>Documents set aside (dead-lettered) by a provider's lasting failure, as the starting point of going back to work.</summary>
[Binding]
public sealed class SetAsideSteps(MockLlamaParseDriver parser, MockOpenAiDriver openAi, DocumentUploader uploader, JobWatch jobs, FaultWindow fault)
{
    private static readonly TimeSpan SetAsideTimeout = TimeSpan.FromSeconds(120);

    [Given("the parser has been down so long that {persona}'s batch of {int} insurance documents was set aside with reason {string}")]
    public async Task GivenTheParserWasDownLongerThanTheRetryWindow(Persona persona, int count, string reason)
    {
        await parser.GoDownAsync();
        fault.Begin("parser outage longer than the retry window");
        var batch = await uploader.UploadBatchAsync(persona, TestDocuments.PolicyBatch(count), concurrency: 3);
        await jobs.UntilSetAsideAsync(batch, reason, SetAsideTimeout);
    }

    [Given("{persona}'s {document} was set aside because the OpenAI account had no quota left")]
    public async Task GivenSetAsideForLackOfQuota(Persona persona, TestDocument document)
    {
        await openAi.ReportNoQuotaAsync();
        var upload = await uploader.UploadAsync(persona, document);
        await jobs.UntilSetAsideAsync([upload], Reasons.OpenAiInsufficientQuota, SetAsideTimeout);
    }
}
