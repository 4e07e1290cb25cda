using System.Text.Json.Nodes;

namespace Pipeline.Core.Queue;

/// <summary>
/// A job to enqueue. <see cref="IdempotencyKey"/> is unique (e.g. user + sha256);
/// <see cref="Received"/> is the detail of its <c>upload_received</c> event (serialised to jsonb).
/// </summary>
public sealed record NewJob(Guid JobId, Guid DocumentId, string UserId, Guid CorrelationId, string IdempotencyKey,
    JsonObject? Payload = null, object? Received = null);

/// <summary>A job a parser webhook made due now: what the caller needs to log about it.</summary>
public sealed record WokenJob(Guid JobId, Guid DocumentId, Guid CorrelationId);
