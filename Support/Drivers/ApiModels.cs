namespace Acceptance.Support.Drivers;

/// <summary>
/// What the pipeline answered to an upload, whether accepted or rejected. <see cref="Restarted"/>: the
/// bytes named a set-aside document, which went back to work.
/// </summary>
public sealed record UploadOutcome(
    int StatusCode, string? DocumentId, string? JobId, string? CorrelationId, bool Deduplicated,
    string? ErrorKey, string? ErrorMessage, string? RetryAfter, bool Restarted = false)
{
    public bool Accepted => StatusCode is 200 or 202 && DocumentId is not null;
}

public sealed record JobView(
    string JobId, string DocumentId, string CorrelationId, string Stage, string State,
    int AttemptCount, int RetryCount, JobError? LastError, IReadOnlyList<TimelineEntry> Timeline)
{
    public override string ToString() =>
        $"{Stage}/{State}" + (LastError is null ? "" : $" ({LastError.Code}: {LastError.Message})") + $", attempts {AttemptCount}";
}

public sealed record JobError(string Code, string Message, bool Retryable, DateTimeOffset? NextAttemptAt);

public sealed record TimelineEntry(string EventType, string? Stage, string? State, DateTimeOffset At);

public sealed record DocumentView(
    string DocumentId, string JobId, string Filename, string Mime, long SizeBytes, string Sha256,
    string? ParsedSha256, int? PageCount, string Stage, string State, int ChunkCount);

/// <summary>A read that may be refused (another user's document answers "not found").</summary>
public sealed record ReadOutcome<T>(int StatusCode, T? Value, string? ErrorKey) where T : class
{
    public bool NotFound => StatusCode == 404;
}

/// <summary>What an operator's requeue answered: the job's new state, or the refusal's reason.</summary>
public sealed record RequeueOutcome(int StatusCode, string? State, string? ErrorKey);
