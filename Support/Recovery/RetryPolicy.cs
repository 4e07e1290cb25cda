using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Recovery;

/// <summary>The target's retry window and longest backoff, where the suite knows them (it set them itself).</summary>
public sealed class RetryPolicy(IPipelineEnvironment environment, SuiteOptions options)
{
    /// <summary>Null on the local target; elsewhere why the suite does not know the target's retry settings.</summary>
    public string? UnknownBecause => environment.Target == "local"
        ? null
        : $"the {environment.Target} target's retry window and backoff are its own settings, which the suite does not know, " +
          "so it cannot tell whether the whole window was used";

    public TimeSpan Window => TimeSpan.FromSeconds(options.Local.RetryWindowSeconds);

    public TimeSpan LongestBackoff => TimeSpan.FromMilliseconds(options.Local.BackoffMaxMs);
}
