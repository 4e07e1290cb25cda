using Acceptance.Support.Configuration;
using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Acceptance.Support.Evidence;
using Acceptance.Support.Integrity;
using Acceptance.Support.Recovery;
using Acceptance.Support.Waiting;
using FluentAssertions;
using Pipeline.TestKit;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>What recovery must look like: retries that back off, dead letters people can read, nothing lost, times measured.</summary>
[Binding]
public sealed class RecoverySteps(
    PipelineApiDriver api, PipelineDatabaseDriver database, MockOpenAiDriver openAi, MockLlamaParseDriver parser,
    JobProgress progress, UploadedDocuments uploads, FaultWindow fault, RecoveryMeter recovery, EvidenceRecorder evidence,
    IPipelineEnvironment environment, SuiteOptions options, ScenarioUsers users, IUnitTestRuntimeProvider runtime)
{
    private Upload UploadOf(TestDocument document) => uploads.All.Last(u => u.Document.FileName == document.FileName);

    [When("{persona} uploads these documents")]
    public async Task WhenPersonaUploadsTheseDocuments(Support.TestData.Persona persona, DataTable documents)
    {
        var userId = users.IdOf(persona.Name);
        foreach (var row in documents.Rows)
        {
            var document = TestDocuments.Get(row["document"]);
            uploads.Add(new Upload(userId, document, await api.UploadAsync(userId, document.FileName, document.Bytes)));
        }
    }

    [Then("{document} is embedded within {duration}")]
    public async Task ThenDocumentIsEmbeddedWithin(TestDocument document, TimeSpan limit)
    {
        var upload = UploadOf(document);
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, limit);
        job.Stage.Should().Be("embedded", $"{document.FileName} should be embedded, but its job ended {job}");
    }

    [Then("{document} is set aside with reason {string} once its retry window has passed")]
    public async Task ThenDocumentIsSetAsideAfterItsRetryWindow(TestDocument document, string reason)
    {
        var upload = UploadOf(document);
        await DeadLetterAsync(upload, reason);
        var job = (await api.GetJobAsync(upload.UserId, upload.Outcome.JobId!)).Value!;
        job.LastError!.Retryable.Should().BeTrue("a cause that may pass is set aside as retryable, so it can go back to work");
        var retries = await database.RetriesAsync(upload.Outcome.JobId!);
        evidence.AttachJson("retries", retries);
        retries.Should().HaveCountGreaterThanOrEqualTo(2, "a failure that might pass is retried");
        if (environment.Target != "local")
            runtime.TestIgnore($"Not verified on the {environment.Target} target: its retry window and backoff are its own settings, " +
                               "which the suite does not know, so it cannot tell whether the whole window was used.");
        // Set aside when the next attempt would fall outside the window: at most one backoff before its end.
        StoredDataChecks.RetriedForTheWholeWindow(retries.Select(r => r.At).ToList(),
            TimeSpan.FromSeconds(options.Local.RetryWindowSeconds), TimeSpan.FromMilliseconds(options.Local.BackoffMaxMs));
    }

    [Then("the document is dead-lettered at once with reason {string}")]
    public async Task ThenTheDocumentIsDeadLetteredAtOnce(string reason)
    {
        var row = await DeadLetterAsync(uploads.Last, reason);
        row.RetryCount.Should().Be(0, "a failure that cannot pass by retrying is not retried");
    }

    [Then("the dead letter explains the problem in words a person understands")]
    public async Task ThenTheDeadLetterExplainsTheProblem()
    {
        var upload = uploads.All.First(u => u.Outcome.JobId is not null);
        var job = (await api.GetJobAsync(upload.UserId, upload.Outcome.JobId!)).Value!;
        evidence.AttachJson("dead-letter", job.LastError!);
        job.LastError!.Message.Should().MatchRegex(@"^[A-Z].{20,}", "a sentence a person can read")
            .And.NotContain("   at ", "no stack trace")
            .And.NotContain("Exception", "no exception type names");
    }

    [Then("no vector is stored for it")]
    public async Task ThenNoVectorIsStoredForIt()
    {
        var counts = await database.RowCountsAsync(uploads.Last.Outcome.DocumentId!);
        (counts.FinalChunks, counts.BufferedChunks, counts.BufferedVectors).Should().Be((0, 0, 0), "a set-aside document leaves nothing searchable or staged");
    }

    [Then("while the parser was down each document waited as retryable, longer each time")]
    public async Task ThenEachDocumentWaitedLongerEachTime()
    {
        foreach (var upload in uploads.All)
        {
            var retries = (await database.RetriesAsync(upload.Outcome.JobId!)).Where(r => r.At <= fault.Ended).ToList();
            evidence.AttachJson($"retries-{upload.Document.FileName}", retries);
            retries.Should().HaveCountGreaterThanOrEqualTo(2);
            retries.Select(r => r.Code).Should().OnlyContain(code => code == "parser-unavailable");
            retries.Select(r => r.Failure).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("every failed attempt is counted");
            retries.Select(r => r.DelayMs).Should().BeInAscendingOrder("the wait between attempts grows");
        }
    }

    [Then("the service stayed ready while the parser was down")]
    public void ThenTheServiceStayedReady()
    {
        fault.ReadinessSeen.Should().NotBeEmpty().And.OnlyContain(status => status == 200,
            "a parser outage must not take the upload service down");
    }

    [Then("the pipeline learned of the parse by asking the parser, not by a notice")]
    public async Task ThenThePipelineLearnedByPolling()
    {
        var jobId = uploads.Last.Outcome.JobId!;
        (await database.EventCountAsync(jobId, "webhook_received")).Should().Be(0, "the completion notice was lost");
        var log = await parser.RequestsAsync();
        log.Should().Contain(entry => entry.Kind == "webhook-dropped", "the parser finished and its notice was dropped");
    }

    [Then("no embedding request was sent before the advertised retry time")]
    public async Task ThenNoRequestCameBeforeTheRetryTime()
    {
        var requests = (await openAi.EmbeddingRequestsAsync()).OrderBy(r => r.ReceivedAt).ToList();
        evidence.AttachJson("openai-requests", requests);
        requests.Should().Contain(r => r.Status == 429, "the rate limit was hit");
        var retryAfter = fault.RetryAfter ?? throw new InvalidOperationException("No rate limit was set up in this scenario.");
        for (var i = 1; i < requests.Count; i++)
        {
            if (requests[i - 1].Status != 429) continue;
            var waited = requests[i].ReceivedAt - requests[i - 1].ReceivedAt;
            waited.Should().BeGreaterThanOrEqualTo(retryAfter - TimeSpan.FromMilliseconds(50),
                $"request {i + 1} came {waited.TotalMilliseconds:0} ms after a 429 that asked for {retryAfter.TotalMilliseconds:0} ms");
        }
    }

    [Then("the failed embedding requests were retried until one succeeded")]
    public async Task ThenTheFailedRequestsWereRetried()
    {
        var requests = (await openAi.EmbeddingRequestsAsync()).OrderBy(r => r.ReceivedAt).ToList();
        evidence.AttachJson("openai-requests", requests);
        var firstFailure = requests.FindIndex(r => r.Status >= 500);
        firstFailure.Should().BeGreaterThanOrEqualTo(0, "OpenAI answered with server errors");
        requests.Skip(firstFailure).Should().Contain(r => r.Status == 200, "a later attempt succeeded");
    }

    [Then("OpenAI received at most {int} requests for it")]
    public async Task ThenOpenAiReceivedAtMost(int limit) =>
        (await openAi.EmbeddingRequestsAsync()).Should().HaveCountLessThanOrEqualTo(limit, "a permanent refusal must not cause a retry storm");

    [Then("nothing of the batch was lost or stored twice")]
    public async Task ThenNothingOfTheBatchWasLostOrStoredTwice()
    {
        foreach (var upload in uploads.Accepted)
        {
            var counts = await database.RowCountsAsync(upload.Outcome.DocumentId!);
            counts.Should().Match<DocumentRowCounts>(c => c.Documents == 1 && c.Jobs == 1 && c.FinalChunks > 0
                && c.FinalChunks == c.DistinctFinalOrdinals && c.BufferedChunks == 0 && c.BufferedVectors == 0,
                $"{upload.Document.FileName} must be complete, once, with nothing left staged (found {counts})");
        }
    }

    [Then("the pipeline recovered within {duration} of the fault's end")]
    public async Task ThenThePipelineRecoveredWithin(TimeSpan limit)
    {
        var measured = await recovery.MeasureAsync(uploads.Accepted.Select(u => u.Outcome.JobId!).ToList());
        measured.RecoverySeconds.Should().NotBeNull("work must move again after the fault ends");
        measured.RecoverySeconds!.Value.Should().BeLessThanOrEqualTo(limit.TotalSeconds);
    }

    private async Task<JobRow> DeadLetterAsync(Upload upload, string reason)
    {
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, TimeSpan.FromSeconds(90));
        job.State.Should().Be("deadletter", $"{upload.Document.FileName} should be set aside, but its job is {job}");
        job.LastError!.Code.Should().Be(reason);
        return await database.JobAsync(upload.Outcome.JobId!);
    }
}
