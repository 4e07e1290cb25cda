using Acceptance.Support.Control;
using Acceptance.Support.Environment;

namespace Acceptance.StepDefinitions;

/// <summary>Copies of a document set up for a crash: one embedded undisturbed as the reference, one held by a worker mid-stage.</summary>
[Binding]
public sealed class HeldDocumentSteps(
    DocumentUploader uploader, JobProgress progress, WorkerSettings workers, JobWatch jobs, CrashContext crash, IPipelineEnvironment environment)
{
    /// <summary>Long enough for the suite to see a local worker inside the stage and strike there; a slower hand adds its reaction time.</summary>
    private static readonly TimeSpan StageLinger = TimeSpan.FromSeconds(4);

    [Given("{persona}'s copy of {document} was embedded undisturbed")]
    public async Task GivenACopyWasEmbeddedUndisturbed(Persona persona, TestDocument document)
    {
        var upload = await uploader.UploadAsync(persona, document);
        (await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, TimeSpan.FromSeconds(60))).Embedded.Should().BeTrue();
        crash.Reference = upload;
    }

    [Given("{persona}'s copy of {document} is held by a worker in the {stage} stage")]
    public async Task GivenACopyIsHeldByAWorkerInStage(Persona persona, TestDocument document, StageName stage)
    {
        await workers.LingerInStageAsync(stage, StageLinger + environment.Control.ReactionTime);
        var upload = await uploader.UploadAsync(persona, document);
        crash.Holder = await jobs.UntilHeldMidStageAsync(upload, stage, TimeSpan.FromSeconds(30));
        crash.HeldIn = stage.Value;
    }
}
