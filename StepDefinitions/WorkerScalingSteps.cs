using Acceptance.Support.Control;
using Acceptance.Support.Environment;
using Acceptance.Support.Load;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>The same kind of backlog worked off by few and by many workers, and what adding workers gained.</summary>
[Binding]
public sealed class WorkerScalingSteps(
    LoadRunner runner, WorkerScaling scaling, ScenarioUsers users, IPipelineEnvironment environment, EvidenceRecorder evidence)
{
    [When("a backlog of {int} documents per worker is worked off by {int} worker(s) and then by {int} worker(s)")]
    public async Task WhenABacklogIsWorkedOffByFewThenManyWorkers(int perWorker, int few, int many)
    {
        // @needs:worker-scaling let this scenario run only where the controller can do it.
        var workers = (IWorkerScaling)environment.Control;
        foreach (var count in new[] { few, many })
        {
            await workers.RunWorkersAsync(count);
            // A document per worker first: freshly started processes compile their code on the first one.
            await runner.BurstAsync(users.IdOf($"warm-up-{count}"), TestDocuments.PolicyBatch(count));
            var result = await runner.BurstAsync(users.IdOf($"scaling-{count}"), TestDocuments.PolicyBatch(perWorker * count));
            scaling.Add(ScalingPhase.Of(count, result));
        }
        evidence.AttachJson("worker-scaling", scaling.AsEvidence());
    }

    [Then("{int} workers finish at least {float} times as many documents a minute as {int}")]
    public void ThenManyWorkersFinishAtLeastTimesAsMany(int many, double factor, int few)
    {
        foreach (var phase in new[] { scaling.With(few), scaling.With(many) })
        {
            phase.NotDrainedBecause.Should().BeNull($"every document must be finished before throughput means anything ({phase.Workers} worker(s))");
            phase.Embedded.Should().Be(phase.Documents, $"every document of the backlog of {phase.Workers} worker(s) must be embedded");
        }
        var (throughputOfMany, throughputOfFew) = (scaling.With(many).ThroughputPerMinute, scaling.With(few).ThroughputPerMinute);
        throughputOfMany.Should().BeGreaterThanOrEqualTo(factor * throughputOfFew,
            $"{many} workers ({throughputOfMany} documents/min) must reach {factor}× the throughput of {few} " +
            $"({throughputOfFew} documents/min); efficiency {scaling.Efficiency(many, few):0.00}");
    }
}
