namespace Acceptance.Gate.Results;

/// <summary>One pickle's result in a run: the last attempt decides, earlier attempts only count.</summary>
/// <param name="FailureType">The failing step's exception type name (e.g. WaitTimedOutException), when the stream names one.</param>
/// <param name="FailedStep">The Gherkin text of the failing step, without its keyword; null when a hook failed.</param>
public sealed record ScenarioResult(
    string PickleId,
    string Uri,
    string Name,
    IReadOnlyList<string> Tags,
    int? ScenarioLine,
    int? ExampleLine,
    ScenarioOutcome Outcome,
    string WorstStepStatus,
    string? FailureMessage,
    string? SkipReason,
    TimeSpan Duration,
    int Attempts,
    IReadOnlyList<EvidenceAttachment> Attachments,
    string? FailureType = null,
    string? FailedStep = null);
