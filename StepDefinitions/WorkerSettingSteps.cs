using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using Acceptance.Support.Environment;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>The workers set up for a scenario: how many jobs they take at once, how long they linger in a stage.</summary>
[Binding]
public sealed class WorkerSettingSteps(WorkerSettings workers, LoadDatabaseDriver database, SuiteOptions options, IUnitTestRuntimeProvider runtime)
{
    [Given("the workers take {int} jobs at a time between them")]
    public async Task GivenTheWorkersTakeJobsAtATime(int slots)
    {
        if (await database.StatementStatisticsMissingBecauseAsync() is { } reason) runtime.NotVerifiedOnThisTarget(TargetReadings.StatementStatistics, reason);
        await workers.TakeJobsAtATimeAsync(slots);
    }

    /// <summary>The worker lingers inside the stage, renewing its lease as it would for slow work.</summary>
    [Given("workers take longer than two leases over the {stage} stage")]
    public Task GivenWorkersTakeLongerThanTwoLeases(StageName stage) =>
        // Long enough that a lease not renewed lapses twice over, short enough for a functional scenario.
        workers.LingerInStageAsync(stage, TimeSpan.FromSeconds(2.5 * options.Local.LeaseSeconds));
}
