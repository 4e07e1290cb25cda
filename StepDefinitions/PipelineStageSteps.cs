using Acceptance.Support.Analysis;

namespace Acceptance.StepDefinitions;

[Binding]
public sealed class PipelineStageSteps(JobProgress progress, PipelineDatabaseDriver database, UploadedDocuments uploads, EvidenceRecorder evidence)
{
    [Then("the document is embedded within {duration}")]
    public async Task ThenTheDocumentIsEmbeddedWithin(TimeSpan limit)
    {
        var upload = uploads.Last;
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, limit);
        job.Stage.Should().Be(Stages.Embedded, $"the document should be embedded, but its job ended {job}");
        job.State.Should().Be(JobStates.Done);
    }

    [Then("its audit trail shows the nine stages in order, each entered once")]
    public async Task ThenItsAuditTrailShowsTheNineStagesInOrder()
    {
        var upload = uploads.Last;
        var timeline = new StageTimeline(await database.StageTransitionsAsync(upload.Outcome.JobId!));
        evidence.AttachJson("stage-timeline", timeline.AsEvidence(upload.Document.FileName, baseline: $"end to end: {upload.Document.FileName}"));
        timeline.StagesEntered.Should().Equal(StageTimeline.NineStages);
    }
}
