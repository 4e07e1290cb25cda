namespace Acceptance.Gate.Results;

/// <summary>How a scenario's last attempt ended; <see cref="NotRun"/> when the run has no test case for it.</summary>
public enum ScenarioOutcome
{
    Passed,
    Failed,
    Skipped,
    NotRun,
}
