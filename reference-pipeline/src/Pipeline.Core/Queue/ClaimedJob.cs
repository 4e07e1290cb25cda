using System.Text.Json.Nodes;

namespace Pipeline.Core.Queue;

/// <summary>
/// A job this worker holds. <see cref="LeaseToken"/> is the fencing token: every write about the
/// job must still match it, so a worker whose lease was reclaimed cannot overwrite newer work.
/// <see cref="ProbeOf"/> names the dependency when the job was set aside and sent back to probe it
/// (such a claim is not an attempt of the job).
/// </summary>
public sealed record ClaimedJob(
    Guid JobId,
    Guid DocumentId,
    Guid CorrelationId,
    string UserId,
    string Stage,
    string State,
    int AttemptCount,
    int RetryCount,
    long LeaseToken,
    string WorkerId,
    JsonObject Payload,
    bool Reclaimed,
    string? ProbeOf = null)
{
    public string? PayloadString(string key) =>
        Payload.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;
}
