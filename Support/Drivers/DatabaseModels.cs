namespace Acceptance.Support.Drivers;

public sealed record StageTransition(string Stage, string State, DateTimeOffset At, string? WorkerId);

public sealed record StoredDocument(string DocumentId, string UserId, string Sha256, long SizeBytes, string StoragePath, string? ParsedPath, string? ParsedSha256);

public sealed record StoredChunk(int Ordinal, string Content, int TokenCount, float[] Embedding);

/// <summary>Row counts that together say whether anything of a document was lost, duplicated or left behind.</summary>
public sealed record DocumentRowCounts(int Documents, int Jobs, int Events, int BufferedChunks, int BufferedVectors, int FinalChunks, int DistinctFinalOrdinals);

/// <summary>An audit-trail event as written by a worker (worker_id), and when.</summary>
public sealed record WorkerEvent(string? WorkerId, DateTimeOffset At);

public sealed record AuditEvent(string EventType, string? Stage, string? State, string CorrelationId, DateTimeOffset At);

public sealed record JobRow(string Stage, string State, int AttemptCount, int RetryCount, string? ClaimedBy, string? LastErrorCode, string? LastErrorMessage);

public sealed record RetryRecord(int Failure, double DelayMs, string Code, DateTimeOffset At);
