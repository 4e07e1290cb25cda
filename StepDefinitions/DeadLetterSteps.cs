using Acceptance.Support.Environment;
using Acceptance.Support.Integrity;
using Acceptance.Support.Recovery;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>Documents set aside (dead-lettered): when, why, in words people read, and with nothing left half-stored.</summary>
[Binding]
public sealed class DeadLetterSteps(
    DeadLetters deadLetters, PipelineDatabaseDriver database, UploadedDocuments uploads, RetryPolicy retryPolicy,
    EvidenceRecorder evidence, IUnitTestRuntimeProvider runtime)
{
    [Then("{document} is set aside with reason {string} once its retry window has passed")]
    public async Task ThenDocumentIsSetAsideAfterItsRetryWindow(TestDocument document, string reason)
    {
        var upload = uploads.All.Last(u => u.Document.FileName == document.FileName);
        await SetAsideAsync(upload, reason);
        (await deadLetters.ErrorShownToAsync(upload))!.Retryable.Should().BeTrue("a cause that may pass is set aside as retryable, so it can go back to work");
        var retries = await deadLetters.RetriesOfAsync(upload);
        evidence.AttachJson("retries", retries);
        retries.Should().HaveCountGreaterThanOrEqualTo(2, "a failure that might pass is retried");
        if (retryPolicy.UnknownBecause is { } unknown) runtime.NotVerifiedOnThisTarget(TargetReadings.RetrySettings, unknown);
        // Set aside when the next attempt would fall outside the window: at most one backoff before its end.
        StoredDataChecks.RetriedForTheWholeWindow(retries.Select(r => r.At).ToList(), retryPolicy.Window, retryPolicy.LongestBackoff);
    }

    [Then("the document is dead-lettered at once with reason {string}")]
    public async Task ThenTheDocumentIsDeadLetteredAtOnce(string reason) =>
        (await SetAsideAsync(uploads.Last, reason)).Row.RetryCount.Should().Be(0, "a failure that cannot pass by retrying is not retried");

    [Then("the dead letter explains the problem in words a person understands")]
    public async Task ThenTheDeadLetterExplainsTheProblem()
    {
        var error = await deadLetters.ErrorShownToAsync(uploads.All.First(u => u.Outcome.JobId is not null));
        evidence.AttachJson("dead-letter", error!);
        error!.Message.Should().MatchRegex(@"^[A-Z].{20,}", "a sentence a person can read")
            .And.NotContain("   at ", "no stack trace")
            .And.NotContain("Exception", "no exception type names");
    }

    [Then("no vector is stored for it")]
    public async Task ThenNoVectorIsStoredForIt()
    {
        var counts = await database.RowCountsAsync(uploads.Last.Outcome.DocumentId!);
        (counts.FinalChunks, counts.BufferedChunks, counts.BufferedVectors).Should().Be((0, 0, 0), "a set-aside document leaves nothing searchable or staged");
    }

    private async Task<FinishedJob> SetAsideAsync(Upload upload, string reason)
    {
        var finished = await deadLetters.FinishedAsync(upload);
        finished.View.SetAside.Should().BeTrue($"{upload.Document.FileName} should be set aside, but its job is {finished.View}");
        finished.View.LastError!.Code.Should().Be(reason);
        return finished;
    }
}
