using Acceptance.Support.Configuration;
using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Acceptance.Support.Evidence;
using Acceptance.Support.TestData;
using FluentAssertions;
using Reqnroll;

namespace Acceptance.StepDefinitions;

/// <summary>Long work and leases: a worker that keeps renewing its lease keeps its document, however long the stage.</summary>
[Binding]
public sealed class LeaseSteps(IPipelineEnvironment environment, SuiteOptions options, PipelineDatabaseDriver database,
    UploadedDocuments uploads, EvidenceRecorder evidence)
{
    /// <summary>Long enough that a lease not renewed lapses twice over, short enough for a functional scenario.</summary>
    private TimeSpan TwoLeases => TimeSpan.FromSeconds(2.5 * options.Local.LeaseSeconds);

    [Given("workers take longer than two leases over the {stage} stage")]
    public async Task GivenWorkersTakeLongerThanTwoLeases(StageName stage) =>
        // The test-only stage delay: the worker lingers inside the stage, renewing its lease as it would for slow work.
        await environment.Control.RestartWorkersWithAsync(new Dictionary<string, string>
        {
            ["PIPELINE_STAGE_DELAYS"] = $"{stage.Value}={(int)TwoLeases.TotalMilliseconds}",
        });

    [Then("one worker did all of its work, and no other worker took its lease over")]
    public async Task ThenOneWorkerDidAllOfItsWork()
    {
        var jobId = uploads.Last.Outcome.JobId!;
        var transitions = await database.StageTransitionsAsync(jobId);
        evidence.AttachJson("audit-trail", transitions);
        transitions.Should().NotBeEmpty("the document went through the pipeline's stages");
        (await database.EventCountAsync(jobId, "lease_reclaimed")).Should().Be(0,
            "a worker that renews its lease keeps its document through long work; nobody may reclaim it");
        transitions.Where(t => t.WorkerId is not null && t.Stage is "chunking" or "chunks_buffered" or "embedding" or "embeddings_buffered")
            .Select(t => t.WorkerId).Distinct().Should().HaveCount(1, "one worker takes a document from chunking to its vectors when nothing fails");
        (await database.JobAsync(jobId)).RetryCount.Should().Be(0, "long work is not a failed attempt");
    }
}
