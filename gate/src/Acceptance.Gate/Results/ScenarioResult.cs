namespace Acceptance.Gate.Results;

/// <summary>One pickle's result in a run: the last attempt decides, earlier attempts only count.</summary>
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
    IReadOnlyList<EvidenceAttachment> Attachments);
