using Acceptance.Gate.Criteria;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// Decides one criterion from its scenarios. Scenarios being written (@wip) or switched off
/// (@ignore) do not cover a criterion. Quarantined scenarios count only when nothing else covers
/// it, and then the criterion does not block (its quarantine expiry will). Non-gate scenarios
/// that this run did not include neither prove nor disprove anything; a criterion whose scenarios the run's
/// selection left out entirely is "not in this selection". In a rehearsal, a criterion proved only with the
/// help of @real-api scenarios (which ran against the mocks) is "rehearsed", never verified.
/// </summary>
internal static class CriterionJudge
{
    public static CriterionReport Judge(Criterion criterion, IReadOnlyList<ScenarioReport> tagged, ReadinessSettings settings)
    {
        var covering = tagged.Where(s => !s.IsSwitchedOff).ToList();
        if (covering.Count == 0)
        {
            var reason = tagged.Count == 0
                ? $"no scenario is tagged @criterion:{criterion.Id}"
                : $"only @wip or @ignore scenarios are tagged @criterion:{criterion.Id}";
            return new CriterionReport(criterion, CriterionVerdict.NotCovered, reason, false, true, tagged);
        }

        var primary = covering.Where(s => !s.IsQuarantined).ToList();
        var quarantinedOnly = primary.Count == 0;
        if (quarantinedOnly)
            primary = covering;
        if (primary.All(s => !s.InSelection))
            return new CriterionReport(criterion, CriterionVerdict.NotInSelection,
                $"{Count(primary.Count)} left out by {settings.Selection?.ToString() ?? "this run's selection"}", quarantinedOnly, !quarantinedOnly, tagged);
        var relevant = primary.Where(s => s.InSelection && (s.Outcome != ScenarioOutcome.NotRun || s.IsGate)).ToList();

        var (verdict, why) = Decide(relevant, primary.Count);
        if (verdict == CriterionVerdict.Verified && settings.Rehearsal && relevant.Any(s => s.IsRealApi))
            (verdict, why) = (CriterionVerdict.Rehearsed, "its @real-api scenarios passed against the bundled mocks, not the real services");
        var blocks = !quarantinedOnly && verdict switch
        {
            CriterionVerdict.Failed or CriterionVerdict.NotJudged or CriterionVerdict.Rehearsed => true,
            CriterionVerdict.NotVerified => settings.BlockOnNotVerified,
            _ => false,
        };
        if (quarantinedOnly)
            why = $"{why ?? "passed"} (covered only by quarantined scenarios; does not block)";
        return new CriterionReport(criterion, verdict, why, quarantinedOnly, blocks, tagged);
    }

    private static (CriterionVerdict Verdict, string? Why) Decide(IReadOnlyList<ScenarioReport> relevant, int total)
    {
        var failed = relevant.Where(s => s.Outcome == ScenarioOutcome.Failed).ToList();
        if (failed.Count > 0)
            return (CriterionVerdict.Failed, $"{Count(failed.Count)} failed: {Describe(failed[0])}");

        var notJudged = relevant.Where(s => s.Outcome == ScenarioOutcome.NotJudged).ToList();
        if (notJudged.Count > 0)
            return (CriterionVerdict.NotJudged, $"{Count(notJudged.Count)} {Describe(notJudged[0])}");

        var unproven = relevant.Where(s => s.Outcome is ScenarioOutcome.Skipped or ScenarioOutcome.NotRun).ToList();
        if (unproven.Count > 0)
        {
            var reasons = unproven.Select(s => s.Why ?? s.Outcome.ToString()).Distinct().ToList();
            return (CriterionVerdict.NotVerified,
                $"{Count(unproven.Count)} skipped or not run, first \"{unproven[0].Name}\" ({unproven[0].Location}): {string.Join("; ", reasons)}");
        }

        return relevant.Count == 0
            ? (CriterionVerdict.NotVerified, $"none of its {Count(total)} ran in this run")
            : (CriterionVerdict.Verified, null);
    }

    private static string Count(int n) => n == 1 ? "1 scenario" : $"{n} scenarios";

    private static string Describe(ScenarioReport scenario) =>
        $"\"{scenario.Name}\" ({scenario.Location}): {FirstLine(scenario.Why)}";

    internal static string FirstLine(string? text) =>
        text is null ? "no message" : text.Split('\n', 2)[0].Trim();
}
