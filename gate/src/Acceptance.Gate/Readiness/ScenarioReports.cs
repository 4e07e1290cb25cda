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

    private static ScenarioReport ToReport(InventoryScenario scenario, ScenarioResult? result, ReadinessSettings settings) =>
        new(
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
            result is null ? WhyNotRun(scenario) : result.FailureMessage ?? result.SkipReason,
            result?.Duration ?? TimeSpan.Zero,
            result?.Attempts ?? 0,
            result?.Attachments.Where(a => !a.IsLog).Select(a => a.DisplayName).Distinct().ToList() ?? [],
            settings.HtmlReportFileName,
            result?.FailureType,
            result?.FailedStep);

    private static string WhyNotRun(InventoryScenario scenario) =>
        scenario.IsWorkInProgress ? "work in progress (@wip)"
        : scenario.IsIgnored ? "ignored (@ignore)"
        : "not in this run (excluded by the tag filter, or the run stopped early)";
}
