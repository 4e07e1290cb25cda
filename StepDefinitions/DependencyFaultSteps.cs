using Acceptance.Support.Contexts;
using Acceptance.Support.Control;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Acceptance.Support.TestData;
using Acceptance.Support.Waiting;
using Acceptance.Support.Workload;
using FluentAssertions;
using Pipeline.TestKit;
using Reqnroll;

namespace Acceptance.StepDefinitions;

/// <summary>The pipeline's dependencies failing on purpose: the parser, OpenAI and the database.</summary>
[Binding]
public sealed class DependencyFaultSteps(
    MockLlamaParseDriver parser, MockOpenAiDriver openAi, IPipelineEnvironment environment, PipelineApiDriver api,
    PipelineDatabaseDriver database, BatchUploader uploader, Waiter waiter, ScenarioUsers users, UploadedDocuments uploads,
    FaultWindow fault)
{
    private IServiceController Control => environment.Control;

    [Given("the parser has been down while {persona} uploaded a batch of {int} insurance documents")]
    public async Task GivenTheParserWasDownDuringUploads(Persona persona, int count)
    {
        await parser.GoDownAsync();
        fault.Begin("parser outage");
        var userId = users.IdOf(persona.Name);
        foreach (var (document, outcome) in await uploader.UploadAsync(userId, TestDocuments.PolicyBatch(count), concurrency: 3))
            uploads.Add(new Upload(userId, document, outcome));
        uploads.All.Should().OnlyContain(u => u.Outcome.Accepted, "uploads do not depend on the parser");
        await waiter.UntilAsync("every document of the batch being retried at least twice while the parser is down",
            async () =>
            {
                fault.ReadinessSeen.Add(await api.ReadinessAsync());
                return await Task.WhenAll(uploads.All.Select(u => database.RetriesAsync(u.Outcome.JobId!)));
            },
            retries => retries.All(r => r.Count >= 2),
            TimeSpan.FromSeconds(45),
            retries => $"retries per document: {string.Join(", ", retries.Select(r => r.Count))}");
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

    [Given("{persona} has a batch of {int} insurance documents in flight")]
    public async Task GivenABatchInFlight(Persona persona, int count)
    {
        // Slow embedding down so the documents are surely mid-pipeline when the fault strikes.
        await openAi.SlowDownAsync(TimeSpan.FromSeconds(2));
        var userId = users.IdOf(persona.Name);
        foreach (var (document, outcome) in await uploader.UploadAsync(userId, TestDocuments.PolicyBatch(count), concurrency: 3))
            uploads.Add(new Upload(userId, document, outcome));
        var jobs = await waiter.UntilAsync("every document of the batch being picked up by a worker",
            () => Task.WhenAll(uploads.All.Select(u => database.JobAsync(u.Outcome.JobId!))),
            jobs => jobs.All(j => j.Stage != "job_validated"),
            TimeSpan.FromSeconds(30),
            jobs => string.Join(", ", jobs.Select(j => $"{j.Stage}/{j.State}")));
        jobs.Should().Contain(j => j.Stage != "embedded", "the fault must hit documents that are still being processed");
    }

    [When("the database goes down for {duration}")]
    public async Task WhenTheDatabaseGoesDownFor(TimeSpan outage)
    {
        fault.Begin("database outage");
        await Control.StopDatabaseAsync(immediately: true);
        await waiter.ObserveForAsync(outage, async () =>
        {
            if (fault.NoticedAt is null && await api.ReadinessAsync() == 503)
                fault.NoticedAt = DateTimeOffset.UtcNow;
        });
        await Control.StartDatabaseAsync();
        fault.End();
    }

    [Given("the database is down")]
    public async Task GivenTheDatabaseIsDown()
    {
        fault.Begin("database outage");
        await Control.StopDatabaseAsync(immediately: false);
    }
}
