using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Results;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class ReadinessEvaluatorTests
{
    private const string Seamless = "Proof of 4.1-stages-seamless";

    [Fact]
    public void Passes_when_every_gate_scenario_ran_and_passed_and_every_criterion_is_verified()
    {
        var report = GateScenario.Evaluate(GateScenario.Run());

        report.Verdict.Should().Be(GateVerdict.Pass, because: string.Join(" / ", report.Reasons));
        report.Criteria.Should().HaveCount(20).And.OnlyContain(c => c.Verdict == CriterionVerdict.Verified);
        report.Completeness.Should().BeEmpty();
        report.Quarantines.Should().ContainSingle(q => q.Owner == "dana" && q.Expires == new DateOnly(2030, 1, 31) && !q.Expired);
        report.Run.StartedAt.Should().NotBeNull();
        report.Run.Configuration["OpenAI:ApiKey"].Should().Be("***");
    }

    [Fact]
    public void Is_not_ready_but_not_failed_when_a_gate_scenario_did_not_run_and_says_which()
    {
        var report = GateScenario.Evaluate(GateScenario.Run((_, s) => s.Name == Seamless));

        report.Verdict.Should().Be(GateVerdict.NotVerified);
        report.Completeness.Should().ContainSingle().Which.Should().Match<CompletenessIssue>(c =>
            c.Scenario.Name == Seamless && c.Blocks && c.Why.StartsWith("did not run"));
        report.Reasons.Should().Contain(r => r.Contains(Seamless) && r.Contains("Features/criteria/EveryCriterion.feature:"));
    }

    [Fact]
    public void Fails_when_a_criterion_is_not_covered()
    {
        var inventory = new GherkinInventory(
            GateScenario.Inventory.Scenarios.Where(s => s.CriterionId != "4.5-backup-recovery").ToList(), []);

        var report = GateScenario.Evaluate(GateScenario.Run(), inventory: inventory);

        report.Verdict.Should().Be(GateVerdict.Fail);
        report.Criteria.Single(c => c.Criterion.Id == "4.5-backup-recovery").Should().Match<CriterionReport>(c =>
            c.Verdict == CriterionVerdict.NotCovered && c.Blocks);
        report.Reasons.Should().ContainSingle(r => r.StartsWith("criterion 4.5-backup-recovery is not covered"));
    }

    [Fact]
    public void Fails_when_a_quarantine_has_expired()
    {
        var report = GateScenario.Evaluate(GateScenario.Run(), GateScenario.Settings with { Today = new DateOnly(2030, 2, 1) });

        report.Verdict.Should().Be(GateVerdict.Fail);
        report.Quarantines.Should().ContainSingle(q => q.Expired);
        report.Reasons.Should().ContainSingle(r => r.Contains("expired on 2030-01-31") && r.Contains("owner dana"));
    }

    [Fact]
    public void A_failing_quarantined_scenario_does_not_block()
    {
        var report = GateScenario.Evaluate(GateScenario.Run((run, s) =>
            s.IsQuarantined && run.Fail(s, "timed out") is not null));

        report.Verdict.Should().Be(GateVerdict.Pass, because: string.Join(" / ", report.Reasons));
        report.Scenarios.Single(s => s.IsQuarantined).Outcome.Should().Be(ScenarioOutcome.Failed);
    }

    [Fact]
    public void Fails_when_the_run_recorded_a_failure()
    {
        var report = GateScenario.Evaluate(GateScenario.Run((run, s) =>
            s.Name == Seamless && run.Fail(s, "the document stalled in parsing") is not null));

        report.Verdict.Should().Be(GateVerdict.Fail);
        report.RunFailures.Should().ContainSingle(f => f.Contains("the document stalled in parsing"));
        report.Criteria.Single(c => c.Criterion.Id == "4.1-stages-seamless").Verdict.Should().Be(CriterionVerdict.Failed);
    }

    [Fact]
    public void Fails_when_a_test_run_hook_failed_or_the_run_did_not_finish()
    {
        var withHook = new FakeRun().RunHookFailed("database did not start");
        foreach (var scenario in GateScenario.Inventory.Scenarios.Where(s => !s.IsWorkInProgress))
            withHook.Pass(scenario);

        GateScenario.Evaluate(withHook.Finish(success: false).ToResults()).Reasons
            .Should().ContainSingle(r => r.Contains("StartPipeline") && r.Contains("database did not start"));
        GateScenario.Evaluate(GateScenario.Run(finish: false)).Reasons
            .Should().ContainSingle(r => r.Contains("the run did not finish"));
    }

    [Fact]
    public void Fails_when_there_are_lint_errors()
    {
        var report = GateScenario.Evaluate(GateScenario.Run(), lint: [new LintError("Features/X.feature", 3, "unknown tag @shiny")]);

        report.Verdict.Should().Be(GateVerdict.Fail);
        report.Reasons.Should().ContainSingle(r => r.Contains("Features/X.feature:3: unknown tag @shiny"));
    }

    [Fact]
    public void A_skipped_criterion_is_not_verified_and_blocks_by_default_but_not_when_the_setting_is_off()
    {
        var results = GateScenario.Run((run, s) =>
            s.CriterionId == "4.4-real-openai" && run.Skip(s, "needs OPENAI_API_KEY, which is not configured") is not null);

        var strict = GateScenario.Evaluate(results);
        var lenient = GateScenario.Evaluate(results, GateScenario.Settings with { BlockOnNotVerified = false });

        var criterion = strict.Criteria.Single(c => c.Criterion.Id == "4.4-real-openai");
        criterion.Verdict.Should().Be(CriterionVerdict.NotVerified);
        criterion.Reason.Should().Contain("needs OPENAI_API_KEY, which is not configured");
        strict.Verdict.Should().Be(GateVerdict.NotVerified);
        lenient.Verdict.Should().Be(GateVerdict.Pass, because: string.Join(" / ", lenient.Reasons));
        lenient.Completeness.Should().ContainSingle(c => !c.Blocks && c.Why.StartsWith("skipped"));
    }

    [Fact]
    public void Lists_a_criterions_scenarios_with_their_evidence_and_a_link_to_the_living_documentation()
    {
        var results = GateScenario.Run((run, s) =>
            s.Name == Seamless && run.Pass(s, ("job-timeline.json", "{\"stages\":9}")) is not null);

        var scenario = GateScenario.Evaluate(results).Criteria[0].Scenarios.Should().ContainSingle().Subject;

        scenario.Evidence.Should().Equal("job-timeline.json");
        scenario.ReportLink.Should().Be("living-documentation.html");
        scenario.Location.Should().Be($"Features/criteria/EveryCriterion.feature:{GateScenario.Named(Seamless).Line}");
    }

    [Fact]
    public void Work_in_progress_alone_does_not_cover_a_criterion()
    {
        var wip = GherkinInventory.Parse("Features/Wip.feature",
            "Feature: W\n  @wip @criterion:4.5-backup-recovery\n  Scenario: Restoring a backup\n    Given a backup\n");
        var inventory = new GherkinInventory(
            GateScenario.Inventory.Scenarios.Where(s => s.CriterionId != "4.5-backup-recovery").Concat(wip.Scenarios).ToList(), []);

        var report = GateScenario.Evaluate(GateScenario.Run(), inventory: inventory);

        report.Criteria.Single(c => c.Criterion.Id == "4.5-backup-recovery").Verdict.Should().Be(CriterionVerdict.NotCovered);
    }
}
