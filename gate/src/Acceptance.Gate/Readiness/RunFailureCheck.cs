using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// What the run itself recorded as going wrong: it stopped early, a test-run hook failed, or a
/// scenario that is not quarantined failed. The runner's own success flag is consulted only when
/// no scenario failed, since a quarantined failure also clears it.
/// </summary>
internal static class RunFailureCheck
{
    public const string ScenarioPrefix = "scenario ";

    public static IReadOnlyList<string> Check(RunResults results, IReadOnlyList<ScenarioReport> scenarios)
    {
        var failures = new List<string>();
        if (!results.Finished)
            failures.Add("the run did not finish (no testRunFinished message)");
        if (results.RunFailure is { } runFailure)
            failures.Add($"the run failed: {CriterionJudge.FirstLine(runFailure)}");
        failures.AddRange(results.FailedRunHooks.Select(h => $"test-run hook {CriterionJudge.FirstLine(h)}"));
        failures.AddRange(scenarios
            .Where(s => s.Outcome == ScenarioOutcome.Failed && !s.IsQuarantined)
            .Select(s => $"{ScenarioPrefix}\"{s.Name}\" ({s.Location}) failed: {CriterionJudge.FirstLine(s.Why)}"));
        var anyScenarioFailed = results.Scenarios.Any(s => s.Outcome == ScenarioOutcome.Failed);
        if (results.Success == false && failures.Count == 0 && !anyScenarioFailed)
            failures.Add("the runner reported the run as unsuccessful");
        return failures;
    }
}
