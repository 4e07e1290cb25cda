using Acceptance.Gate.Cli;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;
using Acceptance.Gate.Running;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>
/// "Too starved to judge": on a run whose CPU canary saw the machine slowed beyond the threshold, a
/// failure on speed alone is not judged; a wrong result still fails; and a quiet run judges everything.
/// </summary>
public sealed class StarvationRuleTests
{
    private const string Lifecycle = "Proof of 4.1-complete-lifecycle";
    private const string StableUnderLoad = "Proof of 4.3-stable-under-load";
    private const string Timeout = "document 7f3c (correlation c-1) reaching embedded did not happen within 900 s (business limit 60 s × time scale 1 × CPU slowdown 15.0× measured while waiting); last seen parsing/working";

    private static readonly CpuSlowdown Starved = new(AtStart: 6.0, Median: 11.5, Worst: 23.4, Samples: 14);
    private static readonly CpuSlowdown Quiet = new(AtStart: 1.0, Median: 1.2, Worst: 2.1, Samples: 14);

    [Fact]
    public void A_starved_run_whose_only_failure_is_a_timeout_is_not_judged_and_never_ready()
    {
        var report = Evaluate(Starved, (run, s) => s.Name == Lifecycle && Failed(run.Fail(s, Timeout, "WaitTimedOutException")));

        report.Verdict.Should().Be(GateVerdict.NotJudged, because: string.Join(" / ", report.Reasons));
        ExitCodes.Of(report.Verdict).Should().Be(ExitCodes.NotJudged).And.NotBe(ExitCodes.Ready);
        report.Scenarios.Single(s => s.Name == Lifecycle).Should().Match<ScenarioReport>(s =>
            s.Outcome == ScenarioOutcome.NotJudged && s.Why!.StartsWith("not judged: machine too starved (CPU slowdown up to 23.4×"));
        report.Criteria.Single(c => c.Criterion.Id == "4.1-complete-lifecycle").Verdict.Should().Be(CriterionVerdict.NotJudged);
        report.Totals.NotJudged.Should().Be(1);
        report.Totals.Failed.Should().Be(0);
        report.Reasons.Should().ContainSingle(r => r.Contains("not judged: machine too starved"));
        ReadinessMarkdownWriter.Render(report).Should().Contain("NOT JUDGED").And.Contain("23.4×");
    }

    [Fact]
    public void A_starved_run_still_fails_on_a_wrong_result()
    {
        var report = Evaluate(Starved, (run, s) => s.Name == Lifecycle
            && Failed(run.Fail(s, "Expected 12 stored chunks, found 11", "XunitException", "the document's chunks are stored once, in order")));

        report.Verdict.Should().Be(GateVerdict.Fail);
        ExitCodes.Of(report.Verdict).Should().Be(ExitCodes.GateFailed);
        report.Scenarios.Single(s => s.Name == Lifecycle).Outcome.Should().Be(ScenarioOutcome.Failed);
        report.Criteria.Single(c => c.Criterion.Id == "4.1-complete-lifecycle").Verdict.Should().Be(CriterionVerdict.Failed);
    }

    [Fact]
    public void A_quiet_run_fails_on_a_timeout()
    {
        var report = Evaluate(Quiet, (run, s) => s.Name == Lifecycle && Failed(run.Fail(s, Timeout, "WaitTimedOutException")));

        report.Verdict.Should().Be(GateVerdict.Fail);
        report.Scenarios.Single(s => s.Name == Lifecycle).Outcome.Should().Be(ScenarioOutcome.Failed);
    }

    [Fact]
    public void A_run_without_canary_figures_judges_every_failure()
    {
        var report = Evaluate(null, (run, s) => s.Name == Lifecycle && Failed(run.Fail(s, Timeout, "WaitTimedOutException")));

        report.Verdict.Should().Be(GateVerdict.Fail);
    }

    [Fact]
    public void A_starved_run_with_a_timeout_and_a_wrong_result_fails()
    {
        var report = Evaluate(Starved, (run, s) =>
            (s.Name == Lifecycle && Failed(run.Fail(s, Timeout, "WaitTimedOutException")))
            || (s.Name == "Proof of 4.2-worker-restarts" && Failed(run.Fail(s, "a second set of chunks was stored", "XunitException"))));

        report.Verdict.Should().Be(GateVerdict.Fail);
        report.Scenarios.Single(s => s.Name == Lifecycle).Outcome.Should().Be(ScenarioOutcome.NotJudged);
    }

    [Theory]
    [InlineData("the backlog drains within 2 minutes after the arrivals stop", ScenarioOutcome.NotJudged)]
    [InlineData("4 workers finish at least 3.2 times as many documents a minute as 1", ScenarioOutcome.NotJudged)]
    [InlineData("taking a job from the queue stays under 100 milliseconds at the 95th percentile", ScenarioOutcome.NotJudged)]
    [InlineData("every document of the load is embedded, none lost or failed", ScenarioOutcome.Failed)]
    public void In_a_criterion_judged_on_speed_a_missed_time_limit_is_not_judged_but_a_lost_document_fails(string failingThen, ScenarioOutcome expected)
    {
        var report = Evaluate(Starved, (run, s) => s.Name == StableUnderLoad && Failed(run.Fail(s, "Expected ... but found ...", "XunitException", failingThen)));

        report.Scenarios.Single(s => s.Name == StableUnderLoad).Outcome.Should().Be(expected);
        report.Verdict.Should().Be(expected == ScenarioOutcome.NotJudged ? GateVerdict.NotJudged : GateVerdict.Fail);
    }

    [Fact]
    public void A_time_limit_missed_outside_the_speed_criteria_is_a_failure_however_starved()
    {
        var report = Evaluate(Starved, (run, s) => s.Name == Lifecycle
            && Failed(run.Fail(s, "the job ended deadletter", "XunitException", "the document is embedded within 60 seconds")));

        report.Verdict.Should().Be(GateVerdict.Fail);
    }

    [Theory]
    [InlineData("the pipeline recovered within 20 seconds of the fault's end", ScenarioOutcome.NotJudged)]
    [InlineData("the worker stops within its shutdown deadline", ScenarioOutcome.NotJudged)]
    [InlineData("nothing of the batch was lost or stored twice", ScenarioOutcome.Failed)]
    public void A_duration_measured_after_the_fact_is_speed_in_any_criterion(string failingThen, ScenarioOutcome expected)
    {
        const string Restarts = "Proof of 4.2-worker-restarts";
        var report = Evaluate(Starved, (run, s) => s.Name == Restarts && Failed(run.Fail(s, "Expected ... but found ...", "XunitException", failingThen)));

        report.Scenarios.Single(s => s.Name == Restarts).Outcome.Should().Be(expected);
    }

    private static bool Failed(FakeRun _) => true;

    private static ReadinessReport Evaluate(CpuSlowdown? canary, Func<FakeRun, Inventory.InventoryScenario, bool> change) =>
        ReadinessEvaluator.Evaluate(GateScenario.Inventory, GateScenario.Run(change), [], GateScenario.Settings,
            GateScenario.Identity with { CpuCanary = canary });
}
