using System.Text.Json.Nodes;

namespace Pipeline.Core.Queue;

/// <summary>A job to enqueue. <see cref="IdempotencyKey"/> is unique (e.g. user + sha256).</summary>
public sealed record NewJob(Guid JobId, Guid DocumentId, string UserId, Guid CorrelationId, string IdempotencyKey,
    JsonObject? Payload = null);
