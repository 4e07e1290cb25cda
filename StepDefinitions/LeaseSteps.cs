namespace Acceptance.StepDefinitions;

/// <summary>Long work and leases: a worker that keeps renewing its lease keeps its document, however long the stage.</summary>
[Binding]
public sealed class LeaseSteps(PipelineDatabaseDriver database, UploadedDocuments uploads, EvidenceRecorder evidence)
{
    [Then("one worker did all of its work, and no other worker took its lease over")]
    public async Task ThenOneWorkerDidAllOfItsWork()
    {
        var jobId = uploads.Last.Outcome.JobId!;
        var transitions = await database.StageTransitionsAsync(jobId);
        evidence.AttachJson("audit-trail", transitions);
        transitions.Should().NotBeEmpty("the document went through the pipeline's stages");
        (await database.EventCountAsync(jobId, EventTypes.LeaseReclaimed)).Should().Be(0,
            "a worker that renews its lease keeps its document through long work; nobody may reclaim it");
        transitions.Where(t => t.WorkerId is not null && StageGroups.FromChunkingToVectors.Contains(t.Stage))
            .Select(t => t.WorkerId).Distinct().Should().HaveCount(1, "one worker takes a document from chunking to its vectors when nothing fails");
        (await database.JobAsync(jobId)).RetryCount.Should().Be(0, "long work is not a failed attempt");
    }
}
