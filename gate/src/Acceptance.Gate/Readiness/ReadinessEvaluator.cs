using Acceptance.Gate.Criteria;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// Joins the Gherkin inventory with a run's results into the readiness report. The reasons say what a release
/// manager must fix, one reason per thing; the verdict says what kind of thing: something failed (Fail), could
/// not be judged on a starved machine (NotJudged), was not verified though nothing failed (NotVerified), or only
/// rehearsed (Rehearsal). Only a run with no reason at all is ready.
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
        IReadOnlyList<string>? secretLeaks = null,
        RealApiEstimate? costEstimate = null)
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

        // One reason per thing to fix: a criterion speaks for its scenarios, so a scenario is named on its own only
        // when no blocking criterion names it already.
        var blockingCriteria = criteria.Where(c => c.Blocks).ToList();
        var spokenFor = blockingCriteria.Select(c => c.Criterion.Id).ToHashSet(StringComparer.Ordinal);
        bool Unspoken(ScenarioReport s) => s.CriterionId is null || !spokenFor.Contains(s.CriterionId);

        var failures = new List<string>();
        if (lintErrors.Count > 0)
            failures.Add($"{lintErrors.Count} tag lint error(s), first: {lintErrors[0]}");
        failures.AddRange(runFailures.Where(f => !f.StartsWith(RunFailureCheck.ScenarioPrefix, StringComparison.Ordinal)).Select(f => $"run failure: {f}"));
        failures.AddRange(blockingCriteria.Where(c => c.Verdict is CriterionVerdict.Failed or CriterionVerdict.NotCovered).Select(Reason));
        failures.AddRange(completeness.Where(c => c.Blocks && c.Scenario.Outcome == ScenarioOutcome.Failed && Unspoken(c.Scenario)).Select(Reason));
        var otherFailedScenarios = scenarios.Count(s => s is { Outcome: ScenarioOutcome.Failed, IsQuarantined: false, IsGate: false } && Unspoken(s));
        if (otherFailedScenarios > 0)
            failures.Add($"run failure: {otherFailedScenarios} scenario(s) outside the gate failed (not quarantined)");
        failures.AddRange(quarantines.Where(q => q.Expired)
            .Select(q => $"quarantine of \"{q.Scenario}\" ({q.File}:{q.Line}, owner {q.Owner ?? "unknown"}) expired on {q.Expires:yyyy-MM-dd}"));
        failures.AddRange((secretLeaks ?? []).Select(file => $"a configured secret appears in {file}"));
        failures.AddRange(baselines.Where(b => b.Regressed && (settings.BlockOnRegression || b.Blocking))
            .Select(b => $"baseline {b.Name} regressed by {b.DeltaPercent:0.#}% ({b.Previous} → {b.Value} {b.Unit}; threshold {b.ThresholdPercent:0.#}%, scenario \"{b.Scenario}\")"));

        // Nothing failed here: criteria and gate scenarios that were skipped, left out, or only rehearsed.
        var notVerified = blockingCriteria.Where(c => c.Verdict is CriterionVerdict.NotVerified or CriterionVerdict.NotInSelection).Select(Reason)
            .Concat(completeness.Where(c => c.Blocks && c.Scenario.Outcome is ScenarioOutcome.Skipped or ScenarioOutcome.NotRun && Unspoken(c.Scenario)).Select(Reason))
            .ToList();
        var rehearsed = blockingCriteria.Where(c => c.Verdict == CriterionVerdict.Rehearsed).Select(Reason).ToList();

        // Speed-only failures on a starved machine: reported after the real reasons, and they alone never make a run ready.
        var notJudged = blockingCriteria.Where(c => c.Verdict == CriterionVerdict.NotJudged).Select(Reason)
            .Concat(scenarios.Where(s => s is { Outcome: ScenarioOutcome.NotJudged, IsQuarantined: false } && s.CriterionId is null)
                .Select(s => $"scenario \"{s.Name}\" ({s.Location}) {CriterionJudge.FirstLine(s.Why)}"))
            .ToList();
        var verdict = failures.Count > 0 ? GateVerdict.Fail
            : notJudged.Count > 0 ? GateVerdict.NotJudged
            : notVerified.Count > 0 ? GateVerdict.NotVerified
            : settings.Rehearsal ? GateVerdict.Rehearsal
            : GateVerdict.Pass;
        List<string> reasons = [.. failures, .. notVerified, .. rehearsed, .. notJudged];

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
            settings,
            failures,
            costEstimate);
    }

    public static string Describe(CriterionVerdict verdict) => verdict switch
    {
        CriterionVerdict.Verified => "verified",
        CriterionVerdict.Failed => "failed",
        CriterionVerdict.NotCovered => "not covered",
        CriterionVerdict.NotJudged => "not judged",
        CriterionVerdict.Rehearsed => "rehearsed, not verified",
        CriterionVerdict.NotInSelection => "not in this selection",
        _ => "not verified",
    };

    private static string Reason(CriterionReport c) => $"criterion {c.Criterion.Id} is {Describe(c.Verdict)}: {c.Reason}";

    private static string Reason(CompletenessIssue c) => $"gate scenario \"{c.Scenario.Name}\" ({c.Scenario.Location}) {c.Why}";

    private static RunTotals Totals(IReadOnlyList<ScenarioReport> scenarios) => new(
        scenarios.Count,
        scenarios.Count(s => s.Outcome == ScenarioOutcome.Passed),
        scenarios.Count(s => s.Outcome == ScenarioOutcome.Failed),
        scenarios.Count(s => s.Outcome == ScenarioOutcome.Skipped),
        scenarios.Count(s => s.Outcome == ScenarioOutcome.NotRun),
        scenarios.Count(s => s.Outcome == ScenarioOutcome.NotJudged));
}
