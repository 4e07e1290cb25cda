using System.Text.Json;

namespace ApiServer.Data;

/// <summary>The answer to an upload: the document and the job that carries it through the stages.</summary>
/// <summary><see cref="Restarted"/>: the same bytes were set aside before and went back to work with this upload.</summary>
public sealed record UploadResult(Guid DocumentId, Guid JobId, Guid CorrelationId, bool Deduplicated, string Stage, string State,
    bool Restarted = false);

public sealed record LastError(string Code, string? Message, bool? Retryable, DateTimeOffset NextAttemptAt);

public sealed record TimelineEntry(string EventType, string? Stage, string? State, DateTimeOffset At, JsonElement Detail);

public sealed record JobView(
    Guid JobId, Guid DocumentId, Guid CorrelationId, string Stage, string State, int AttemptCount, int RetryCount,
    LastError? LastError, IReadOnlyList<TimelineEntry> Timeline);

public sealed record DocumentView(
    Guid DocumentId, Guid? JobId, string Filename, string Mime, long SizeBytes, string Sha256, string? ParsedSha256,
    int? PageCount, string? Stage, string? State, long ChunkCount, DateTimeOffset CreatedAt);

/// <summary>A document ready to be recorded: its bytes are already in storage at <see cref="StoragePath"/>.</summary>
public sealed record NewDocument(
    Guid DocumentId, Guid JobId, Guid CorrelationId, string UserId, string Filename, string Mime, long SizeBytes,
    string Sha256, string StoragePath, int? PageCount);
