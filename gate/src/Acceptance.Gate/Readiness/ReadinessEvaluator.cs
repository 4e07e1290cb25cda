using Acceptance.Gate.Criteria;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// Joins the Gherkin inventory with a run's results into the readiness report. The verdict is
/// Fail as soon as there is any reason; the reasons say what a release manager must fix.
/// </summary>
public static class ReadinessEvaluator
{
    public static ReadinessReport Evaluate(
        GherkinInventory inventory,
        RunResults results,
        IReadOnlyList<LintError> lintErrors,
        ReadinessSettings settings,
        RunIdentity runIdentity,
        IReadOnlyList<BaselineMetric>? previousBaselines = null,
        IReadOnlyList<string>? secretLeaks = null)
    {
        var joined = ScenarioReports.Build(inventory, results, settings);
        var scenarios = StarvationRule.Apply(joined.Select(j => j.Report).ToList(), runIdentity.CpuCanary, settings);
        joined = joined.Zip(scenarios, (j, s) => (j.Scenario, s)).ToList();
        var criteria = Phase4Criteria.All
            .Select(c => CriterionJudge.Judge(c, scenarios.Where(s => s.CriterionId == c.Id).ToList(), settings))
            .ToList();
        var completeness = CompletenessCheck.Check(scenarios, settings);
        var quarantines = QuarantineCheck.Check(joined, settings.Today);
        var runFailures = RunFailureCheck.Check(results, scenarios);
        var baselines = BaselineComparer.Compare(
            BaselineCollector.Collect(results.Scenarios), previousBaselines, settings.RegressionThresholdPercent);

        var reasons = new List<string>();
        if (lintErrors.Count > 0)
            reasons.Add($"{lintErrors.Count} tag lint error(s), first: {lintErrors[0]}");
        reasons.AddRange(runFailures.Where(f => !f.StartsWith(RunFailureCheck.ScenarioPrefix, StringComparison.Ordinal)).Select(f => $"run failure: {f}"));
        var failedScenarios = runFailures.Count(f => f.StartsWith(RunFailureCheck.ScenarioPrefix, StringComparison.Ordinal));
        if (failedScenarios > 0)
            reasons.Add($"run failure: {failedScenarios} scenario(s) failed (not quarantined)");
        reasons.AddRange(completeness.Where(c => c.Blocks && c.Scenario.Outcome != ScenarioOutcome.NotJudged)
            .Select(c => $"gate scenario \"{c.Scenario.Name}\" ({c.Scenario.Location}) {c.Why}"));
        reasons.AddRange(criteria.Where(c => c.Blocks && c.Verdict != CriterionVerdict.NotJudged).Select(c => $"criterion {c.Criterion.Id} is {Describe(c.Verdict)}: {c.Reason}"));
        reasons.AddRange(quarantines.Where(q => q.Expired)
            .Select(q => $"quarantine of \"{q.Scenario}\" ({q.File}:{q.Line}, owner {q.Owner ?? "unknown"}) expired on {q.Expires:yyyy-MM-dd}"));
        reasons.AddRange((secretLeaks ?? []).Select(file => $"a configured secret appears in {file}"));
        reasons.AddRange(baselines.Where(b => b.Regressed && (settings.BlockOnRegression || b.Blocking))
            .Select(b => $"baseline {b.Name} regressed by {b.DeltaPercent:0.#}% ({b.Previous} → {b.Value} {b.Unit}; threshold {b.ThresholdPercent:0.#}%, scenario \"{b.Scenario}\")"));

        // Speed-only failures on a starved machine: reported after the real reasons, and they alone never make a run ready.
        var notJudged = criteria.Where(c => c.Blocks && c.Verdict == CriterionVerdict.NotJudged)
            .Select(c => $"criterion {c.Criterion.Id} is {Describe(c.Verdict)}: {c.Reason}")
            .Concat(scenarios.Where(s => s is { Outcome: ScenarioOutcome.NotJudged, IsQuarantined: false } && s.CriterionId is null)
                .Select(s => $"scenario \"{s.Name}\" ({s.Location}) {CriterionJudge.FirstLine(s.Why)}"))
            .ToList();
        var verdict = reasons.Count > 0 ? GateVerdict.Fail : notJudged.Count > 0 ? GateVerdict.NotJudged : GateVerdict.Pass;
        reasons.AddRange(notJudged);

        var identity = runIdentity with
        {
            StartedAt = runIdentity.StartedAt ?? results.StartedAt,
            Duration = runIdentity.Duration ?? results.Duration,
            Configuration = new SecretRedactor(runIdentity.Configuration).RedactedConfiguration,
        };
        return new ReadinessReport(
            verdict,
            reasons,
            identity,
            Totals(scenarios),
            criteria,
            completeness,
            quarantines,
            lintErrors,
            runFailures,
            baselines,
            scenarios,
            settings);
    }

    public static string Describe(CriterionVerdict verdict) => verdict switch
    {
        CriterionVerdict.Verified => "verified",
        CriterionVerdict.Failed => "failed",
        CriterionVerdict.NotCovered => "not covered",
        CriterionVerdict.NotJudged => "not judged",
        _ => "not verified",
    };

    private static RunTotals Totals(IReadOnlyList<ScenarioReport> scenarios) => new(
        scenarios.Count,
        scenarios.Count(s => s.Outcome == ScenarioOutcome.Passed),
        scenarios.Count(s => s.Outcome == ScenarioOutcome.Failed),
        scenarios.Count(s => s.Outcome == ScenarioOutcome.Skipped),
        scenarios.Count(s => s.Outcome == ScenarioOutcome.NotRun),
        scenarios.Count(s => s.Outcome == ScenarioOutcome.NotJudged));
}
