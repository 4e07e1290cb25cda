namespace Acceptance.Support.Recovery;

/// <summary>
/// How one failure played out, measured from the audit trail: how long until the pipeline noticed
/// (detection), how long after the fault ended until work moved again (recovery), and from the
/// fault's start until every affected document was embedded (total).
/// </summary>
public sealed record RecoveryRecord(string Failure, double? DetectionSeconds, double? RecoverySeconds, double? TotalSeconds)
{
    /// <summary>The evidence attachment, in the readiness report's baseline convention.</summary>
    public object AsEvidence() => new
    {
        failure = Failure,
        detectionSeconds = DetectionSeconds,
        recoverySeconds = RecoverySeconds,
        totalSeconds = TotalSeconds,
        baselines = new[]
        {
            new { name = $"recovery time: {Failure}", value = RecoverySeconds ?? 0, unit = "s", better = "lower" },
            new { name = $"time to complete: {Failure}", value = TotalSeconds ?? 0, unit = "s", better = "lower" },
        },
    };
}
