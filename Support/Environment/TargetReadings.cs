using Pipeline.Contract;
using Reqnroll.UnitTestProvider;

namespace Acceptance.Support.Environment;

/// <summary>
/// What some Thens read from a target beyond its API and database, where only some targets can give it. A scenario whose
/// target cannot is skipped in the one message format of a missing capability (<see cref="TargetCapabilities.NotVerified(string)"/>),
/// with why, so every scenario a target cannot judge reads "not verified on this target: &lt;what&gt;".
/// </summary>
public static class TargetReadings
{
    /// <summary>The services' logs (the external target's Logs commands).</summary>
    public const string ServiceLogs = "service-logs";
    /// <summary>Each service's process figures (its /metrics, or /proc on the local target).</summary>
    public const string ServiceMetrics = "service-metrics";
    /// <summary>The stored document files and parsed text in the pipeline's storage.</summary>
    public const string StoredFiles = "stored-files";
    /// <summary>The workers' retry window and backoff, known only where the suite set them.</summary>
    public const string RetrySettings = "retry-settings";
    /// <summary>Vectors the suite can recompute or have embedded again (the local mock's, or a known embeddings service).</summary>
    public const string Embeddings = "embeddings";
    /// <summary>The provider keys the services use, to look for in logs and responses.</summary>
    public const string KnownKeys = "known-keys";
    /// <summary>What the parser returned for each file, read from the suite's mock LlamaParse (its request log).</summary>
    public const string ParserAnswers = "parser-answers";
    /// <summary>The database's per-statement timings (pg_stat_statements).</summary>
    public const string StatementStatistics = "statement-statistics";

    /// <summary>Skips the scenario: its target cannot give <paramref name="reading"/> (a reading above or a capability), because <paramref name="because"/>.</summary>
    public static void NotVerifiedOnThisTarget(this IUnitTestRuntimeProvider runtime, string reading, string because) =>
        runtime.TestIgnore(Message(reading, because));

    public static string Message(string reading, string because) => $"{TargetCapabilities.NotVerified(reading)} ({because.TrimEnd('.')})";
}
