namespace Acceptance.Support.Drivers;

/// <summary>
/// What the pipeline answered to an upload, whether accepted or rejected. <see cref="Restarted"/>: the
/// bytes named a set-aside document, which went back to work. Steps read the domain outcomes
/// (<see cref="Accepted"/>, <see cref="RefusedAsBadInput"/>, <see cref="TemporarilyUnavailable"/>,
/// <see cref="CutOff"/>); the status code is kept for failure messages (<see cref="Answer"/>).
/// </summary>
public sealed record UploadOutcome(
    int StatusCode, string? DocumentId, string? JobId, string? CorrelationId, bool Deduplicated,
    string? ErrorKey, string? ErrorMessage, string? RetryAfter, bool Restarted = false)
{
    public bool Accepted => StatusCode is 200 or 202 && DocumentId is not null;

    /// <summary>Refused as the client's error (4xx): trying again with the same input cannot help.</summary>
    public bool RefusedAsBadInput => StatusCode is >= 400 and < 500;

    /// <summary>Refused because the service cannot serve right now (503): come back later.</summary>
    public bool TemporarilyUnavailable => StatusCode == 503;

    /// <summary>
    /// The upload got no verdict: the connection dropped (no status) or the server failed or was going
    /// away (5xx). The client's remedy is to try again.
    /// </summary>
    public bool CutOff => StatusCode is 0 or >= 500;

    /// <summary>What came back, for failure messages.</summary>
    public string Answer => StatusCode == 0 ? "no answer (connection lost)" : $"{StatusCode} {ErrorKey}: {ErrorMessage}".TrimEnd(' ', ':');
}

public sealed record JobView(
    string JobId, string DocumentId, string CorrelationId, string Stage, string State,
    int AttemptCount, int RetryCount, JobError? LastError, IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>Finished: every stage done, the vectors searchable.</summary>
    public bool Embedded => Stage == Stages.Embedded && State == JobStates.Done;

    /// <summary>Set aside (dead-lettered): the pipeline stopped trying.</summary>
    public bool SetAside => State == JobStates.Deadletter;

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

    /// <summary>What came back, for failure messages.</summary>
    public string Answer => $"{StatusCode} {ErrorKey}".TrimEnd();
}

/// <summary>What an operator's requeue answered: the job's new state, or the refusal's reason.</summary>
public sealed record RequeueOutcome(int StatusCode, string? State, string? ErrorKey)
{
    /// <summary>The job was taken back to work (202).</summary>
    public bool Accepted => StatusCode == 202;

    /// <summary>What came back, for failure messages.</summary>
    public string Answer => $"{StatusCode} {ErrorKey ?? State}".TrimEnd();
}

/// <summary>How a health probe of the api-server answered.</summary>
public enum Health
{
    /// <summary>Answered 200: up (liveness) or ready to serve (readiness).</summary>
    Up,
    /// <summary>Answered 503: the process runs but cannot serve (e.g. without its database).</summary>
    Unavailable,
    /// <summary>No answer, or any other answer.</summary>
    Unreachable,
}
