using System.Text.RegularExpressions;
using Acceptance.Gate.Results;
using Acceptance.Gate.Running;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// "Too starved to judge": when the suite's CPU canary saw the machine slowed by at least
/// <see cref="ReadinessSettings.StarvedAtSlowdown"/> (its worst figure of the run: wall time over CPU
/// time of a fixed workload), a failure that is only about speed says nothing about the pipeline, so
/// the scenario is reported "not judged" instead of failed:
/// <list type="bullet">
/// <item>a wait that timed out (the suite's WaitTimedOutException, even after stretching its limit for the starvation), or</item>
/// <item>in a criterion judged on speed (4.1 realistic workload and every 4.3 criterion), a failing Then whose
/// wording states a time limit or a rate ("within 2 minutes", "under 100 milliseconds", "times as many documents a minute"), or</item>
/// <item>in any criterion, a failing Then that measures a duration after the fact: how soon the pipeline recovered
/// ("the pipeline recovered within 20 seconds of the fault's end") or a worker stopped ("within its shutdown deadline").</item>
/// </list>
/// Everything else (data lost, duplicated or wrong, a wrong state, an error) still fails, however starved the machine.
/// A run with any scenario not judged is never "ready": its verdict is NOT JUDGED, with its own exit code.
/// </summary>
public static partial class StarvationRule
{
    /// <summary>Exception type names of failures that are timeouts, as the message stream names them.</summary>
    public static readonly IReadOnlySet<string> TimeoutTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "WaitTimedOutException",
    };

    /// <summary>Criteria whose verdict is about speed: their time-limit Thens are not judged on a starved machine.</summary>
    public static bool JudgedOnSpeed(string? criterionId) =>
        criterionId is not null && (criterionId.StartsWith("4.3-", StringComparison.Ordinal) || criterionId == "4.1-realistic-workload");

    /// <summary>True when the canary's worst slowdown of the run reached the threshold.</summary>
    public static bool TooStarved(CpuSlowdown? canary, ReadinessSettings settings) =>
        canary?.Worst is { } worst && worst >= settings.StarvedAtSlowdown;

    /// <summary>Whether this failed scenario failed only on speed (see the class summary).</summary>
    public static bool FailedOnlyOnSpeed(ScenarioReport scenario) =>
        scenario.Outcome == ScenarioOutcome.Failed
        && ((scenario.FailureType is { } type && TimeoutTypes.Contains(type))
            || (scenario.FailedStep is { } step
                && (MeasuresADuration().IsMatch(step) || (JudgedOnSpeed(scenario.CriterionId) && StatesATimeLimit().IsMatch(step)))));

    /// <summary>The scenarios as the report shows them: on a too-starved run, speed-only failures become not judged.</summary>
    public static IReadOnlyList<ScenarioReport> Apply(IReadOnlyList<ScenarioReport> scenarios, CpuSlowdown? canary, ReadinessSettings settings)
    {
        if (!TooStarved(canary, settings))
            return scenarios;
        return scenarios
            .Select(s => FailedOnlyOnSpeed(s)
                ? s with { Outcome = ScenarioOutcome.NotJudged, Why = $"{NotJudgedBecause(canary!)}; it failed on speed: {s.Why}" }
                : s)
            .ToList();
    }

    public static string NotJudgedBecause(CpuSlowdown canary) =>
        $"not judged: machine too starved (CPU slowdown up to {canary.Worst:0.0}×, median {canary.Median:0.0}×)";

    // A duration or a rate in a Then's wording: "within 60 seconds", "under 100 milliseconds", "3 times the first",
    // "times as many documents a minute", "the 95th percentile".
    [GeneratedRegex(@"\b\d+(\.\d+)?\s*(milliseconds?|seconds?|minutes?|hours?)\b|\ba minute\b|\btimes (as many|the first)\b|\bpercentile\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatesATimeLimit();

    // Thens about speed by nature, in any criterion: a recovery time or a stop measured after the fact.
    [GeneratedRegex(@"\brecovered within\b|\bwithin its shutdown deadline\b", RegexOptions.IgnoreCase)]
    private static partial Regex MeasuresADuration();
}
