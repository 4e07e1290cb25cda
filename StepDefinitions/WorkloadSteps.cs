using Acceptance.Support.Analysis;

namespace Acceptance.StepDefinitions;

/// <summary>Batches of insurance documents uploaded together, and how they move through the stages.</summary>
[Binding]
public sealed class WorkloadSteps(
    DocumentUploader uploader, JobProgress progress, PipelineDatabaseDriver database, UploadedDocuments uploads, BatchContext batch,
    EvidenceRecorder evidence)
{
    private static readonly TimeSpan EmbeddedWithin = TimeSpan.FromSeconds(60);

    [Given("{persona} has a batch of {int} insurance documents")]
    public void GivenABatchOfDocuments(Persona _, int count) => batch.Documents = TestDocuments.PolicyBatch(count);

    [Given("{persona} has uploaded a batch of {int} insurance documents since, all embedded")]
    public async Task GivenABatchEmbeddedSinceTheBackup(Persona persona, int count)
    {
        var uploaded = await uploader.UploadBatchAsync(persona, TestDocuments.PolicyBatch(count), concurrency: 3);
        var jobs = await Task.WhenAll(uploaded.Select(u => progress.UntilFinishedAsync(u.UserId, u.Outcome, EmbeddedWithin)));
        jobs.Should().OnlyContain(j => j.Stage == JobProgress.FinalStage, "the batch must be embedded before the drill");
    }

    [When("{persona} uploads the batch {int} at a time")]
    public Task WhenPersonaUploadsTheBatch(Persona persona, int concurrency) => uploader.UploadBatchAsync(persona, batch.Documents, concurrency);

    [Then("every document of the batch is embedded within {duration}")]
    public async Task ThenEveryDocumentIsEmbeddedWithin(TimeSpan limit)
    {
        foreach (var document in uploads.All.Select(u => u.Document.FileName).Distinct())
            uploads.All.Should().Contain(u => u.Document.FileName == document && u.Outcome.Accepted, $"{document} must have been accepted");
        var jobs = await Task.WhenAll(uploads.Accepted.Select(u => progress.UntilFinishedAsync(u.UserId, u.Outcome, limit)));
        jobs.Should().NotBeEmpty("a batch was uploaded");
        jobs.Should().OnlyContain(j => j.Embedded, $"every document should be embedded; got {string.Join(", ", jobs.Select(j => j.ToString()))}");
    }

    [Then("no document spent more than {duration} in any stage")]
    public async Task ThenNoDocumentSpentMoreThanInAnyStage(TimeSpan limit)
    {
        var timelines = new List<(Upload Upload, StageTimeline Timeline)>();
        foreach (var upload in uploads.All)
            timelines.Add((upload, new StageTimeline(await database.StageTransitionsAsync(upload.Outcome.JobId!))));
        evidence.AttachJson("batch-timelines", timelines.Select(t => t.Timeline.AsEvidence(t.Upload.Document.FileName)));
        evidence.AttachText("batch-stage-durations", StageDurationTable.Render(timelines.Select(t => (t.Upload.Document.FileName, t.Timeline))));
        evidence.AttachJson("batch-throughput", BatchThroughput.Of(timelines.Select(t => t.Timeline).ToList()));
        foreach (var (upload, timeline) in timelines)
        {
            timeline.StagesEntered.Should().Equal(StageTimeline.NineStages, $"{upload.Document.FileName} should pass every stage once");
            timeline.Durations.Should().OnlyContain(d => d.Duration <= limit, $"{upload.Document.FileName} must not stall in a stage");
        }
    }
}
