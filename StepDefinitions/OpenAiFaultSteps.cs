namespace Acceptance.StepDefinitions;

/// <summary>OpenAI misbehaving on purpose: rate limits, server errors, an empty account, slow answers, answers out of order.</summary>
[Binding]
public sealed class OpenAiFaultSteps(MockOpenAiDriver openAi, FaultWindow fault)
{
    [Given("OpenAI rate-limits the next {int} requests, asking to retry after {duration}")]
    public async Task GivenOpenAiRateLimits(int requests, TimeSpan retryAfter)
    {
        await openAi.RateLimitAsync(requests, retryAfter);
        fault.Begin("OpenAI rate limit");
        fault.RetryAfter = retryAfter;
    }

    [Given("OpenAI answers with server errors for {duration}")]
    public async Task GivenOpenAiAnswersWithServerErrors(TimeSpan during)
    {
        await openAi.FailWithServerErrorsAsync(during);
        fault.Begin("OpenAI server errors");
        fault.EndsAfter(during);
    }

    [Given("OpenAI reports that the account has no quota left")]
    public Task GivenOpenAiHasNoQuota() => openAi.ReportNoQuotaAsync();

    [Given("OpenAI lists the vectors of each answer out of order, each with its own index")]
    public Task GivenOpenAiListsVectorsOutOfOrder() => openAi.ListVectorsOutOfOrderAsync();

    [Given("the OpenAI account has quota again")]
    public Task GivenOpenAiHasQuotaAgain() => openAi.ClearFaultsAsync();

    [Given("OpenAI takes {duration} to answer every embeddings request")]
    public Task GivenOpenAiTakesToAnswer(TimeSpan latency) => openAi.SlowDownAsync(latency);
}
