namespace Acceptance.StepDefinitions;

/// <summary>Documents caught mid-pipeline when something breaks (slow embedding keeps them there), and whether they finish after.</summary>
[Binding]
public sealed class DocumentsInFlightSteps(MockOpenAiDriver openAi, DocumentUploader uploader, JobWatch jobs, JobProgress progress, RecoveryDrill drill)
{
    [Given("{persona} has a batch of {int} insurance documents in flight")]
    public async Task GivenABatchInFlight(Persona persona, int count)
    {
        await openAi.SlowDownAsync(TimeSpan.FromSeconds(2));
        var batch = await uploader.UploadBatchAsync(persona, TestDocuments.PolicyBatch(count), concurrency: 3);
        var picked = await jobs.UntilPickedUpAsync(batch, TimeSpan.FromSeconds(30));
        picked.Should().Contain(j => j.Stage != Stages.Embedded, "the fault must hit documents that are still being processed");
    }

    [Given("{persona} has {int} more documents in flight")]
    public async Task GivenDocumentsInFlight(Persona persona, int count)
    {
        await openAi.SlowDownAsync(TimeSpan.FromSeconds(3));
        // Other policies than the batch embedded before, all in flight at once.
        drill.InFlight = await uploader.UploadBatchAsync(persona, TestDocuments.PolicyBatch(count + 10).TakeLast(count).ToList(), concurrency: count);
        drill.InFlight.Should().OnlyContain(u => u.Outcome.Accepted);
    }

    [Then("the documents in flight are embedded within {duration}")]
    public async Task ThenTheDocumentsInFlightFinish(TimeSpan within)
    {
        await openAi.ClearFaultsAsync();
        drill.InFlight.Should().NotBeEmpty();
        var finished = await Task.WhenAll(drill.InFlight.Select(u => progress.UntilFinishedAsync(u.UserId, u.Outcome, within)));
        finished.Should().OnlyContain(j => j.Embedded,
            $"every document in flight should finish after the restore; got {string.Join(", ", finished.Select(j => j.ToString()))}");
    }
}
