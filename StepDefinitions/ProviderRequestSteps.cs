namespace Acceptance.StepDefinitions;

/// <summary>What the pipeline asked of its providers while they failed: no storms, no impatience, retries that end.</summary>
[Binding]
public sealed class ProviderRequestSteps(
    MockOpenAiDriver openAi, MockLlamaParseDriver parser, PipelineDatabaseDriver database, UploadedDocuments uploads,
    FaultWindow fault, EvidenceRecorder evidence)
{
    [Then("the pipeline learned of the parse by asking the parser, not by a notice")]
    public async Task ThenThePipelineLearnedByPolling()
    {
        (await database.EventCountAsync(uploads.Last.Outcome.JobId!, EventTypes.WebhookReceived)).Should().Be(0, "the completion notice was lost");
        (await parser.RequestsAsync()).Should().Contain(entry => entry.NoticeDropped, "the parser finished and its notice was dropped");
    }

    [Then("no embedding request was sent before the advertised retry time")]
    public async Task ThenNoRequestCameBeforeTheRetryTime()
    {
        var requests = await EmbeddingRequestsInOrderAsync();
        requests.Should().Contain(r => r.RateLimited, "the rate limit was hit");
        var retryAfter = fault.RetryAfter ?? throw new InvalidOperationException("No rate limit was set up in this scenario.");
        foreach (var (refused, next, number) in requests.Zip(requests.Skip(1), Enumerable.Range(2, requests.Count)).Where(p => p.First.RateLimited))
        {
            var waited = next.ReceivedAt - refused.ReceivedAt;
            waited.Should().BeGreaterThanOrEqualTo(retryAfter - TimeSpan.FromMilliseconds(50),
                $"request {number} came {waited.TotalMilliseconds:0} ms after a refusal that asked for {retryAfter.TotalMilliseconds:0} ms");
        }
    }

    [Then("the failed embedding requests were retried until one succeeded")]
    public async Task ThenTheFailedRequestsWereRetried()
    {
        var requests = await EmbeddingRequestsInOrderAsync();
        var firstFailure = requests.FindIndex(r => r.ServerError);
        firstFailure.Should().BeGreaterThanOrEqualTo(0, "OpenAI answered with server errors");
        requests.Skip(firstFailure).Should().Contain(r => r.Succeeded, "a later attempt succeeded");
    }

    [Then("OpenAI received at most {int} requests for it")]
    public async Task ThenOpenAiReceivedAtMost(int limit) =>
        (await openAi.EmbeddingRequestsAsync()).Should().HaveCountLessThanOrEqualTo(limit, "a permanent refusal must not cause a retry storm");

    private async Task<List<EmbeddingRequest>> EmbeddingRequestsInOrderAsync()
    {
        var requests = (await openAi.EmbeddingRequestsAsync()).OrderBy(r => r.ReceivedAt).ToList();
        evidence.AttachJson("openai-requests", requests);
        return requests;
    }
}
