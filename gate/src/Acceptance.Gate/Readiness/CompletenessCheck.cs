using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// Every @gate scenario must have run and its last attempt passed. A skipped one blocks as a
/// not-verified criterion does; a quarantined one is listed but never blocks.
/// </summary>
internal static class CompletenessCheck
{
    public static IReadOnlyList<CompletenessIssue> Check(IEnumerable<ScenarioReport> scenarios, ReadinessSettings settings) =>
        scenarios
            .Where(s => s.IsGate && s.Outcome != ScenarioOutcome.Passed)
            .Select(s => new CompletenessIssue(s, Why(s), Blocks(s, settings)))
            .ToList();

    private static string Why(ScenarioReport scenario)
    {
        var why = scenario.Outcome switch
        {
            ScenarioOutcome.NotRun => $"did not run: {scenario.Why}",
            ScenarioOutcome.Skipped => $"skipped: {scenario.Why}",
            ScenarioOutcome.NotJudged => CriterionJudge.FirstLine(scenario.Why),
            _ => $"failed{(scenario.Attempts > 1 ? $" (last of {scenario.Attempts} attempts)" : "")}: {CriterionJudge.FirstLine(scenario.Why)}",
        };
        return scenario.IsQuarantined ? $"{why} (quarantined; does not block)" : why;
    }

    private static bool Blocks(ScenarioReport scenario, ReadinessSettings settings) =>
        !scenario.IsQuarantined
        && (scenario.Outcome != ScenarioOutcome.Skipped || settings.BlockOnNotVerified);
}
