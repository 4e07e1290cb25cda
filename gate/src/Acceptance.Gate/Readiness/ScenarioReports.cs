using Acceptance.Gate.Inventory;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>Joins each inventory scenario with its result (if it ran) into what the report shows.</summary>
internal static class ScenarioReports
{
    public static IReadOnlyList<(InventoryScenario Scenario, ScenarioReport Report)> Build(
        GherkinInventory inventory, RunResults results, ReadinessSettings settings)
    {
        var matches = ResultMatcher.Match(inventory.Scenarios, results);
        return inventory.Scenarios
            .Select(s => (s, ToReport(s, matches.GetValueOrDefault(s), settings)))
            .ToList();
    }

    private static ScenarioReport ToReport(InventoryScenario scenario, ScenarioResult? result, ReadinessSettings settings)
    {
        var inSelection = settings.Selection?.Includes(scenario) ?? true;
        if (result is { Outcome: ScenarioOutcome.Passed } && StatedLimitRule.MetOnlyWithStretch(result.Attachments) is { } why)
            result = result with { Outcome = ScenarioOutcome.NotJudged, FailureMessage = why };
        return new(
            scenario.File,
            scenario.SourceLine,
            scenario.Feature,
            scenario.Rule,
            scenario.Name,
            scenario.CriterionId,
            scenario.IsGate && !scenario.IsWorkInProgress,
            scenario.IsQuarantined,
            scenario.Tags.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            result?.Outcome ?? ScenarioOutcome.NotRun,
            result is null ? WhyNotRun(scenario, inSelection ? null : settings.Selection) : result.FailureMessage ?? result.SkipReason,
            result?.Duration ?? TimeSpan.Zero,
            result?.Attempts ?? 0,
            result?.Attachments.Where(a => !a.IsLog).Select(a => a.DisplayName).Distinct().ToList() ?? [],
            settings.HtmlReportFileName,
            result?.FailureType,
            result?.FailedStep,
            inSelection || result is not null);
    }

    /// <param name="leftOutBy">The selection that left the scenario out, when it did.</param>
    private static string WhyNotRun(InventoryScenario scenario, ScenarioSelection? leftOutBy) =>
        scenario.IsWorkInProgress ? "work in progress (@wip)"
        : scenario.IsIgnored ? "ignored (@ignore)"
        : leftOutBy is not null ? $"not in this selection ({leftOutBy})"
        : "not in this run (excluded by the tag filter, or the run stopped early)";
}
