namespace Acceptance.Gate.Readiness;

/// <summary>
/// Which run the report speaks for. Start time and duration may be left null: the evaluator takes
/// them from the message stream. Configuration is redacted before it reaches the report.
/// </summary>
public sealed record RunIdentity(
    string Commit,
    string Branch,
    string Target,
    string Machine,
    DateTimeOffset? StartedAt,
    TimeSpan? Duration,
    IReadOnlyDictionary<string, string> Configuration,
    Running.CpuSlowdown? CpuCanary = null);
