namespace Acceptance.Gate.Results;

/// <summary>Ranks Cucumber step statuses so a test case takes its worst step's status.</summary>
internal static class StepStatus
{
    public const string Passed = "PASSED";
    public const string Skipped = "SKIPPED";

    /// <summary>Anything that is neither passed nor skipped fails: strict semantics (undefined, pending, ambiguous, unknown).</summary>
    public static int Severity(string status) => status switch
    {
        Passed => 0,
        Skipped => 1,
        _ => 2,
    };

    public static ScenarioOutcome ToOutcome(string status) => Severity(status) switch
    {
        0 => ScenarioOutcome.Passed,
        1 => ScenarioOutcome.Skipped,
        _ => ScenarioOutcome.Failed,
    };
}
