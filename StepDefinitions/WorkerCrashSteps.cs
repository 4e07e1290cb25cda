using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;

namespace Acceptance.StepDefinitions;

/// <summary>The worker holding a document dies, stops or freezes under the suite's hand.</summary>
[Binding]
public sealed class WorkerCrashSteps(
    IPipelineEnvironment environment, JobWatch jobs, UploadedDocuments uploads, FaultWindow fault, CrashContext crash, SuiteOptions options)
{
    [When("that worker is killed without warning")]
    public async Task WhenThatWorkerIsKilled()
    {
        fault.Begin($"worker killed in {crash.HeldIn}");
        await environment.Control.KillAsync(crash.Holder!);
        fault.End();
    }

    [When("that worker is asked to stop")]
    public async Task WhenThatWorkerIsAskedToStop()
    {
        fault.Begin("worker stopped gracefully");
        // Waits three times the worker's own deadline, so a worker that overruns it is measured, not waited for without end.
        crash.StopAskedAt = DateTimeOffset.UtcNow;
        crash.GracefulStop = await environment.Control.StopGracefullyAsync(crash.Holder!, TimeSpan.FromSeconds(3 * options.Local.ShutdownDeadlineSeconds));
        fault.End();
    }

    [When("that worker freezes until another worker has taken {persona}'s copy over")]
    public async Task WhenThatWorkerFreezesUntilTakenOver(Persona persona)
    {
        fault.Begin("worker frozen past its lease");
        await environment.Control.PauseAsync(crash.Holder!);
        await jobs.UntilTakenOverAsync(uploads.Last, crash.Holder!, TimeSpan.FromSeconds(30));
        await environment.Control.ResumeAsync(crash.Holder!);
        fault.End();
    }
}
