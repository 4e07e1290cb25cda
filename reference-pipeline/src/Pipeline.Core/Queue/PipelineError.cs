using System.Text.Json.Nodes;

namespace Pipeline.Core.Queue;

/// <summary>
/// Why a stage failed. <see cref="Code"/> is a stable key (e.g. <c>parser-job-failed</c>),
/// <see cref="Message"/> is for people; <see cref="RetryAfter"/> is a provider's explicit wait.
/// </summary>
public sealed record PipelineError(string Code, string Message, bool Retryable, TimeSpan? RetryAfter = null)
{
    public static PipelineError Transient(string code, string message, TimeSpan? retryAfter = null) =>
        new(code, message, Retryable: true, retryAfter);

    public static PipelineError Permanent(string code, string message) => new(code, message, Retryable: false);
}

/// <summary>Thrown by stage code to fail the job with a classified error.</summary>
public sealed class PipelineErrorException(PipelineError error, Exception? inner = null)
    : Exception($"{error.Code}: {error.Message}", inner)
{
    public PipelineError Error { get; } = error;

    /// <summary>Merged into the job's payload with the failure, e.g. to forget a failed parser job.</summary>
    public JsonObject? PayloadPatch { get; init; }
}

/// <summary>The worker no longer holds the job's lease (another worker reclaimed it); its change was refused.</summary>
public sealed class LeaseLostException(Guid jobId, long leaseToken)
    : Exception($"Lease on job {jobId} with token {leaseToken} is no longer held; the change was not written.")
{
    public Guid JobId { get; } = jobId;
    public long LeaseToken { get; } = leaseToken;
}
