using Acceptance.Support.Environment;

namespace Acceptance.Support.Recovery;

/// <summary>The target's retry window and longest backoff, where the suite knows them (it set them, or the target's settings say).</summary>
public sealed class RetryPolicy(IPipelineEnvironment environment)
{
    /// <summary>Null when the target's retry settings are known; otherwise why not.</summary>
    public string? UnknownBecause => environment.Retry is null
        ? $"the {environment.Target} target's retry window and backoff are its own settings, which its settings do not give " +
          "(Acceptance:External:RetryWindowSeconds and BackoffMaxMs), so the suite cannot tell whether the whole window was used"
        : null;

    public TimeSpan Window => Known.Window;

    public TimeSpan LongestBackoff => Known.LongestBackoff;

    private RetrySettings Known => environment.Retry ?? throw new InvalidOperationException(UnknownBecause);
}
