namespace Acceptance.Gate.Results;

/// <summary>What a run's Cucumber message stream says happened.</summary>
public sealed record RunResults(
    IReadOnlyList<ScenarioResult> Scenarios,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    bool? Success,
    string? RunFailure,
    IReadOnlyList<string> FailedRunHooks)
{
    public static RunResults Empty { get; } = new([], null, null, null, null, []);

    public TimeSpan? Duration => StartedAt is { } start && FinishedAt is { } end ? end - start : null;

    /// <summary>False when the stream has no testRunFinished: the run was cut short.</summary>
    public bool Finished => FinishedAt is not null;
}
