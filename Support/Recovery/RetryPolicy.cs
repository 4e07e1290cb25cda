using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Recovery;

/// <summary>
/// The target's retry window and longest backoff, where the suite knows them because it set them itself: on the local
/// target, and on the compose target, whose workers it gives the same test timings (Worker__* in suite.override.yml).
/// </summary>
public sealed class RetryPolicy(IPipelineEnvironment environment, SuiteOptions options)
{
    /// <summary>Null where the suite set the retry settings; elsewhere why it does not know them.</summary>
    public string? UnknownBecause => environment.Target is "local" or "compose"
        ? null
        : $"the {environment.Target} target's retry window and backoff are its own settings, which the suite does not know, " +
          "so it cannot tell whether the whole window was used";

    public TimeSpan Window => TimeSpan.FromSeconds(options.Local.RetryWindowSeconds);

    public TimeSpan LongestBackoff => TimeSpan.FromMilliseconds(options.Local.BackoffMaxMs);
}
