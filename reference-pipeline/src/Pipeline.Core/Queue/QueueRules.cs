namespace Pipeline.Core.Queue;

/// <summary>
/// The rules the queue's SQL enforces, as the fragments <see cref="JobQueue"/> and <see cref="StageCommit"/>
/// put into their statements: which jobs may be claimed, how a claim locks its row, how writes are fenced
/// by the lease token, how far a renewal pushes the lease, and which failures are retried after how long.
/// Production uses <see cref="Correct"/>; only the Testing-only defect registration replaces it
/// (<c>Pipeline.Core.Defects.QueueDefects</c>), so the queue itself never asks whether a defect is on.
/// </summary>
public sealed record QueueRules
{
    public static QueueRules Correct { get; } = new();

    /// <summary>Ready jobs, plus jobs whose holder stopped renewing (crashed): their lease expired.</summary>
    public string ClaimableJobs { get; init; } =
        "(state IN ('queued', 'retryable') AND next_attempt_at <= now()) OR (state = 'working' AND lease_expires_at < now())";

    /// <summary>Racing claimers skip each other's candidate instead of both taking it.</summary>
    public string ClaimRowLock { get; init; } = "FOR UPDATE SKIP LOCKED";

    /// <summary>Fences lease renewals and stage commits: a worker that lost its lease renews and commits nothing.</summary>
    public string LeaseFence { get; init; } = "AND lease_token = @token";

    /// <summary>The lease expiry a renewal sets (<c>@lease</c> is the configured lease).</summary>
    public string RenewedLeaseExpiry { get; init; } = "now() + @lease";

    /// <summary>Whether a failure is worth another attempt.</summary>
    public Func<PipelineError, bool> IsRetried { get; init; } = error => error.Retryable;

    /// <summary>The pause the provider asked for, which the backoff respects when longer.</summary>
    public Func<PipelineError, TimeSpan?> RequestedPause { get; init; } = error => error.RetryAfter;
}
