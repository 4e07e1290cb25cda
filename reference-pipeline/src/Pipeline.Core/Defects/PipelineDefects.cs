namespace Pipeline.Core.Defects;

/// <summary>
/// Named, test-only defects that make the reference pipeline misbehave on purpose, so the
/// acceptance suite can prove each scenario fails when it should. Read from
/// <c>PIPELINE_DEFECTS</c> (comma-separated) and honoured only in the <c>Testing</c> environment.
/// </summary>
public sealed class PipelineDefects
{
    public const string EnvironmentVariable = "PIPELINE_DEFECTS";
    public const string TestingEnvironment = "Testing";

    /// <summary>A 429's Retry-After is ignored: the retry is scheduled by backoff alone.</summary>
    public const string IgnoreRetryAfter = "ignore-retry-after";
    /// <summary>Jobs whose lease expired (crashed worker) are never claimed again.</summary>
    public const string NoLeaseReclaim = "no-lease-reclaim";
    /// <summary>Stage commits ignore the lease token, so a worker that lost its lease still writes.</summary>
    public const string NoFencing = "no-fencing";
    /// <summary>Chunk buffering is not idempotent: every run of the stage writes a new set of chunks.</summary>
    public const string DuplicateChunkInsert = "duplicate-chunk-insert";
    /// <summary>Non-retryable errors (400, 401, insufficient_quota, invalid document) are retried.</summary>
    public const string RetryNonRetryable = "retry-non-retryable";
    /// <summary>Empty parser output passes validation.</summary>
    public const string SkipParseValidation = "skip-parse-validation";
    /// <summary>The final move to document_chunks leaves out the last chunk.</summary>
    public const string DropLastChunk = "drop-last-chunk";
    /// <summary>The worker exits on its first database error instead of backing off and reconnecting.</summary>
    public const string NoDbReconnect = "no-db-reconnect";

    public static IReadOnlyList<string> Known { get; } =
    [
        IgnoreRetryAfter, NoLeaseReclaim, NoFencing, DuplicateChunkInsert, RetryNonRetryable,
        SkipParseValidation, DropLastChunk, NoDbReconnect,
    ];

    public static PipelineDefects None { get; } = new([]);

    private readonly HashSet<string> _on;

    public PipelineDefects(IEnumerable<string> enabled) =>
        _on = new HashSet<string>(enabled, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the process environment; outside <c>Testing</c> every defect is off.</summary>
    public static PipelineDefects FromEnvironment() => Parse(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"));

    public static PipelineDefects Parse(string? defectList, params string?[] environmentNames)
    {
        var testing = environmentNames.Any(e => string.Equals(e, TestingEnvironment, StringComparison.OrdinalIgnoreCase));
        if (!testing || string.IsNullOrWhiteSpace(defectList)) return None;
        return new PipelineDefects(defectList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public bool IsOn(string name) => _on.Contains(name);

    public IReadOnlyCollection<string> Enabled => _on;

    public override string ToString() => _on.Count == 0 ? "none" : string.Join(",", _on.Order());
}
