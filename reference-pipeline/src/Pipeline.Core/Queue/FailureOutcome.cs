namespace Pipeline.Core.Queue;

/// <summary>What happened to a failed job: dead-lettered, or retried at <see cref="NextAttemptAt"/> after <see cref="Delay"/>.</summary>
public sealed record FailureOutcome(bool Deadlettered, DateTimeOffset? NextAttemptAt, TimeSpan? Delay);
