namespace Pipeline.Core.Queue;

/// <summary>What a lease renewal found.</summary>
public enum LeaseRenewal
{
    /// <summary>The lease was extended.</summary>
    Renewed,
    /// <summary>Another claim holds the job now (its lease token changed): stop the stage.</summary>
    TakenOver,
    /// <summary>This holder already let the job go (parked, finished or failed): stop renewing, quietly.</summary>
    HandedBack,
}
