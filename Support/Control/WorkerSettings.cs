using Acceptance.Support.Environment;
using Acceptance.Support.TestData;

namespace Acceptance.Support.Control;

/// <summary>
/// Restarts the workers with test-only settings, by what they do rather than the variables that make
/// them do it. <see cref="IServiceController.RestoreAsync"/> puts the usual settings back after the scenario.
/// </summary>
public sealed class WorkerSettings(IPipelineEnvironment environment)
{
    /// <summary>Every worker lingers this long inside the stage (renewing its lease) before it goes on.</summary>
    public Task LingerInStageAsync(StageName stage, TimeSpan linger) =>
        environment.Control.RestartWorkersWithAsync(new Dictionary<string, string>
        {
            ["PIPELINE_STAGE_DELAYS"] = $"{stage.Value}={(int)linger.TotalMilliseconds}",
        });

    /// <summary>The workers between them take this many jobs at a time, shared out evenly (rounded up).</summary>
    public Task TakeJobsAtATimeAsync(int slots)
    {
        var perWorker = (int)Math.Ceiling(slots / (double)environment.Control.Workers.Count);
        return environment.Control.RestartWorkersWithAsync(new Dictionary<string, string> { ["Worker__Concurrency"] = perWorker.ToString() });
    }
}
