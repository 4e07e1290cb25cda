using Pipeline.Core.Queue;

namespace Pipeline.Core.Defects;

/// <summary>
/// Test-only: the queue defects as replacements of <see cref="QueueRules"/>, built at composition time
/// only when PIPELINE_DEFECTS names them in the Testing environment. The queue's code paths stay the
/// production ones; only the rules they are given differ.
/// </summary>
public static class QueueDefects
{
    private static readonly string[] Names =
    [
        PipelineDefects.NoLeaseReclaim, PipelineDefects.ClaimWithoutRowLock, PipelineDefects.NoFencing,
        PipelineDefects.LeaseLapsesInLongWork, PipelineDefects.RetryNonRetryable, PipelineDefects.IgnoreRetryAfter,
    ];

    /// <summary>True when any queue defect is on, i.e. when the rules need replacing at all.</summary>
    public static bool AnyOn(PipelineDefects defects) => Names.Any(defects.IsOn);

    public static QueueRules Rules(PipelineDefects defects)
    {
        var rules = QueueRules.Correct;
        // Jobs whose holder crashed stay 'working' forever: nobody claims them again.
        if (defects.IsOn(PipelineDefects.NoLeaseReclaim))
            rules = rules with { ClaimableJobs = "(state IN ('queued', 'retryable') AND next_attempt_at <= now())" };
        // Without the row lock two claimers can pick the same candidate, and both take it.
        if (defects.IsOn(PipelineDefects.ClaimWithoutRowLock)) rules = rules with { ClaimRowLock = "" };
        // Without fencing a worker cannot tell that its lease was taken over, so it renews and commits anyway.
        if (defects.IsOn(PipelineDefects.NoFencing)) rules = rules with { LeaseFence = "" };
        // Renewals "succeed" but keep the claim's expiry, so long work outlives its lease.
        if (defects.IsOn(PipelineDefects.LeaseLapsesInLongWork)) rules = rules with { RenewedLeaseExpiry = "lease_expires_at" };
        if (defects.IsOn(PipelineDefects.RetryNonRetryable)) rules = rules with { IsRetried = _ => true };
        if (defects.IsOn(PipelineDefects.IgnoreRetryAfter)) rules = rules with { RequestedPause = _ => null };
        return rules;
    }
}
