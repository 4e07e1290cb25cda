using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.TestData;
using Acceptance.Support.Waiting;
using Acceptance.Support.Workload;
using FluentAssertions;
using Pipeline.TestKit;
using Reqnroll;

namespace Acceptance.StepDefinitions;

/// <summary>Documents set aside (dead-lettered) and how they go back to work: by themselves, by an operator, by a re-upload.</summary>
[Binding]
public sealed class SetAsideSteps(
    PipelineApiDriver api, PipelineDatabaseDriver database, MockLlamaParseDriver parser, MockOpenAiDriver openAi, BatchUploader uploader,
    Waiter waiter, JobProgress progress, ScenarioUsers users, UploadedDocuments uploads, FaultWindow fault)
{
    private static readonly TimeSpan SetAsideTimeout = TimeSpan.FromSeconds(120);

    [Given("the parser has been down so long that {persona}'s batch of {int} insurance documents was set aside with reason {string}")]
    public async Task GivenTheParserWasDownLongerThanTheRetryWindow(Persona persona, int count, string reason)
    {
        await parser.GoDownAsync();
        fault.Begin("parser outage longer than the retry window");
        var userId = users.IdOf(persona.Name);
        foreach (var (document, outcome) in await uploader.UploadAsync(userId, TestDocuments.PolicyBatch(count), concurrency: 3))
            uploads.Add(new Upload(userId, document, outcome));
        await UntilSetAsideAsync(uploads.All, reason);
    }

    [Given("{persona}'s {document} was set aside because the OpenAI account had no quota left")]
    public async Task GivenSetAsideForLackOfQuota(Persona persona, TestDocument document)
    {
        await openAi.ReportNoQuotaAsync();
        var userId = users.IdOf(persona.Name);
        var upload = new Upload(userId, document, await api.UploadAsync(userId, document.FileName, document.Bytes));
        uploads.Add(upload);
        await UntilSetAsideAsync([upload], "openai-insufficient-quota");
    }

    [Given("the OpenAI account has quota again")]
    public Task GivenOpenAiHasQuotaAgain() => openAi.ClearFaultsAsync();

    [When("an operator requeues {persona}'s set-aside document")]
    public async Task WhenAnOperatorRequeues(Persona persona)
    {
        var requeue = await api.RequeueAsOperatorAsync(users.IdOf("Olga"), uploads.Last.Outcome.JobId!);
        requeue.StatusCode.Should().Be(202, $"an operator may requeue a set-aside job (answered {requeue.ErrorKey})");
    }

    [Then("the upload restarts {persona}'s set-aside document instead of returning it")]
    public void ThenTheUploadRestartsTheDocument(Persona persona)
    {
        var (first, again) = (uploads.All[0].Outcome, uploads.Last.Outcome);
        again.DocumentId.Should().Be(first.DocumentId, "the same bytes name the same document");
        again.Restarted.Should().BeTrue("a set-aside document uploaded again goes back to work");
    }

    [Then("every set-aside document of the batch is embedded within {duration}")]
    public async Task ThenEverySetAsideDocumentIsEmbedded(TimeSpan limit) =>
        await Task.WhenAll(uploads.All.Select(u => progress.UntilEmbeddedAsync(u.UserId, u.Outcome, limit)));

    [Then("each set-aside document went back to work by itself, without being uploaded again")]
    public async Task ThenEachWentBackByItself()
    {
        foreach (var upload in uploads.All)
        {
            (await database.EventCountAsync(upload.Outcome.JobId!, "deadlettered")).Should().BeGreaterThan(0, $"{upload.Document.FileName} was set aside");
            (await database.EventCountAsync(upload.Outcome.JobId!, "requeued")).Should().BeGreaterThan(0,
                $"{upload.Document.FileName} went back to work when the parser was healthy again");
        }
        uploads.All.Select(u => u.Document.FileName).Should().OnlyHaveUniqueItems("nothing was uploaded twice");
    }

    private Task UntilSetAsideAsync(IReadOnlyList<Upload> set, string reason) =>
        waiter.UntilAsync($"every document being set aside with reason {reason}",
            () => Task.WhenAll(set.Select(u => database.JobAsync(u.Outcome.JobId!))),
            jobs => jobs.All(j => j.State == "deadletter" && j.LastErrorCode == reason),
            SetAsideTimeout,
            jobs => string.Join(", ", jobs.Select(j => $"{j.Stage}/{j.State} ({j.LastErrorCode})")));
}
