using Acceptance.Support.Load;

namespace Acceptance.StepDefinitions;

/// <summary>Workers racing on one backlog, and what PostgreSQL says about it.</summary>
[Binding]
public sealed class DatabaseConcurrencySteps(
    LoadRunner runner, LoadContext load, LoadDatabaseDriver database, ScenarioUsers users, EvidenceRecorder evidence)
{
    private IReadOnlyDictionary<string, StatementTiming> _statements = new Dictionary<string, StatementTiming>();

    [When("a backlog of {int} documents arrives at once")]
    public async Task WhenABacklogArrivesAtOnce(int count)
    {
        await database.ResetStatementStatisticsAsync();
        load.Result = await runner.BurstAsync(users.IdOf("backlog"), TestDocuments.PolicyBatch(count));
        _statements = StatementKinds.Summarise(await database.StatementsAsync());
        var last = load.Result.Samples.LastOrDefault()?.Database;
        evidence.AttachJson("database-under-concurrency", new
        {
            statements = _statements.Values.Select(s => new
            {
                operation = s.Query, s.Calls, meanMs = s.MeanMs, estimatedP95Ms = Math.Round(s.EstimatedP95Ms, 3), maxMs = s.MaxMs,
            }),
            deadlocks = (last?.Deadlocks ?? 0) - load.Result.DatabaseBefore.Deadlocks,
            peakConnections = load.Result.Samples.Max(s => s.Database.Connections),
            peakLockWaits = load.Result.Samples.Max(s => s.Database.LockWaits),
            queueScans = new
            {
                sequential = (last?.QueueSequentialScans ?? 0) - load.Result.DatabaseBefore.QueueSequentialScans,
                index = (last?.QueueIndexScans ?? 0) - load.Result.DatabaseBefore.QueueIndexScans,
            },
            jobs = load.Result.Jobs.Select(j => j.ToString()),
            baselines = _statements.Values.Select(s => new { name = $"database: {s.Query} p95 (estimated)", value = Math.Round(s.EstimatedP95Ms, 3), unit = "ms", better = "lower" }),
        });
    }

    [Then("every document of the backlog was taken by one worker once")]
    public void ThenEveryDocumentWasTakenOnce()
    {
        load.Result.Arrivals.Should().OnlyContain(a => a.Outcome.Accepted);
        load.Result.Jobs.Should().HaveCount(load.Result.Arrivals.Count);
        load.Result.Jobs.Should().OnlyContain(j => j.Embedded && j.AttemptCount == 1 && j.RetryCount == 0,
            "no job may be claimed by two workers (a second claim is a second attempt)");
    }

    [Then("the database reported no deadlock")]
    public void ThenTheDatabaseReportedNoDeadlock() =>
        (load.Result.Samples[^1].Database.Deadlocks - load.Result.DatabaseBefore.Deadlocks).Should().Be(0, "pg_stat_database counts deadlocks");

    [Then("taking a job from the queue stays under {int} milliseconds at the 95th percentile")]
    public void ThenClaimingStaysUnder(int milliseconds)
    {
        _statements.Should().ContainKey(StatementKinds.Claim, "workers must claim with FOR UPDATE SKIP LOCKED");
        _statements[StatementKinds.Claim].EstimatedP95Ms.Should().BeLessThan(milliseconds,
            $"claims must stay quick under contention (mean {_statements[StatementKinds.Claim].MeanMs} ms over {_statements[StatementKinds.Claim].Calls} calls)");
    }
}
