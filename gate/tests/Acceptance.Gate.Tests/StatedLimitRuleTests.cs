using Acceptance.Gate.Cli;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>
/// "Met only with the stretched limit": a Then that states a limit ("alerted within 45 seconds") and passed only because
/// the suite stretched its wait for a busy machine is not judged, never verified; one that kept its limit is verified.
/// </summary>
public sealed class StatedLimitRuleTests
{
    private const string Alerting = "Proof of 4.5-monitoring-alerting";
    private const string Then = "the operators are alerted within 45 seconds that the parser is down";

    [Fact]
    public void A_pass_beyond_the_stated_limit_is_not_judged_and_says_how_long_it_took()
    {
        var report = Evaluate(Then, statedSeconds: 45, tookSeconds: 235);

        var scenario = report.Scenarios.Single(s => s.Name == Alerting);
        scenario.Outcome.Should().Be(ScenarioOutcome.NotJudged);
        scenario.Why.Should().Be($"not judged: met only with the stretched limit (took 235 s against 45 s): {Then}");
        report.Criteria.Single(c => c.Criterion.Id == "4.5-monitoring-alerting").Verdict.Should().Be(CriterionVerdict.NotJudged);
        report.Verdict.Should().Be(GateVerdict.NotJudged, because: string.Join(" / ", report.Reasons));
        ExitCodes.Of(report.Verdict).Should().Be(ExitCodes.NotJudged);
        report.Reasons.Should().Contain(r => r.Contains("met only with the stretched limit (took 235 s against 45 s)"));
        ReadinessMarkdownWriter.Render(report).Should().Contain("met only with the stretched limit (took 235 s against 45 s)");
    }

    [Fact]
    public void A_pass_within_the_stated_limit_is_verified()
    {
        var report = Evaluate(Then, statedSeconds: 45, tookSeconds: 31.5);

        report.Scenarios.Single(s => s.Name == Alerting).Outcome.Should().Be(ScenarioOutcome.Passed);
        report.Criteria.Single(c => c.Criterion.Id == "4.5-monitoring-alerting").Verdict.Should().Be(CriterionVerdict.Verified);
    }

    [Fact]
    public void Unreadable_evidence_changes_nothing() =>
        StatedLimitRule.MetOnlyWithStretch([new EvidenceAttachment(StatedLimitRule.EvidenceFile, "application/json", "{not json")]).Should().BeNull();

    private static ReadinessReport Evaluate(string step, double statedSeconds, double tookSeconds)
    {
        var evidence = $$"""{ "step": "{{step}}", "awaited": "the ProviderDown alert notified", "statedSeconds": {{statedSeconds}}, "tookSeconds": {{tookSeconds}}, "allowedSeconds": 337.5 }""";
        var run = GateScenario.Run((run, s) => s.Name == Alerting && run.Pass(s, (StatedLimitRule.EvidenceFile, evidence)) is not null);
        return ReadinessEvaluator.Evaluate(GateScenario.Inventory, run, [], GateScenario.Settings, GateScenario.Identity);
    }
}
