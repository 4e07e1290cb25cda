namespace Acceptance.Gate.Results;

/// <summary>How a scenario's last attempt ended; <see cref="NotRun"/> when the run has no test case for it.</summary>
public enum ScenarioOutcome
{
    Passed,
    Failed,
    Skipped,
    NotRun,
    /// <summary>Failed only on speed (a wait timed out, a time limit was missed) on a machine too starved to judge speed.</summary>
    NotJudged,
}
