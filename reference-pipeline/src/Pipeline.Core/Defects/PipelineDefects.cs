using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Core.Defects;

/// <summary>
/// Named, test-only defects that make the reference pipeline misbehave on purpose, so the
/// acceptance suite can prove each scenario fails when it should. Read from
/// <c>PIPELINE_DEFECTS</c> (comma-separated) and honoured only in the <c>Testing</c> environment.
/// Each defect is declared here once, as a constant; <see cref="Known"/> lists them all, and the suite's
/// defect catalogue (its selftest and docs/defect-catalogue.md) names each by its constant.
/// </summary>
public sealed class PipelineDefects
{
    public const string EnvironmentVariable = "PIPELINE_DEFECTS";
    public const string TestingEnvironment = "Testing";

    /// <summary>A 429's Retry-After is ignored: the retry is scheduled by backoff alone.</summary>
    public const string IgnoreRetryAfter = "ignore-retry-after";
    /// <summary>Jobs whose lease expired (crashed worker) are never claimed again.</summary>
    public const string NoLeaseReclaim = "no-lease-reclaim";
    /// <summary>Lease renewals and stage commits ignore the lease token, so a worker that lost its lease still writes.</summary>
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
    /// <summary>
    /// api-server: the same bytes from the same user make a new document and job every time (the
    /// duplicate's stored sha256 carries a per-upload suffix, or the schema's unique key would refuse it).
    /// </summary>
    public const string SkipDeduplication = "skip-deduplication";
    /// <summary>api-server: encrypted (password-protected) PDFs are accepted instead of refused with encrypted-document.</summary>
    public const string AcceptEncryptedDocuments = "accept-encrypted-documents";
    /// <summary>api-server: any authenticated user can read any document and job.</summary>
    public const string NoOwnerCheck = "no-owner-check";
    /// <summary>base-worker: stage logs and events carry a fresh correlation id per claim instead of the job's.</summary>
    public const string ForgetCorrelationId = "forget-correlation-id";
    /// <summary>base-worker: the chunking stage takes 40 seconds longer (<see cref="StallInChunkingDelay"/>).</summary>
    public const string StallInChunking = "stall-in-chunking";

    /// <summary>base-worker: the run's provider budget is lifted, so a call that would cross the cap is made anyway.</summary>
    public const string IgnoreBudget = "ignore-budget";
    /// <summary>base-worker: the worker writes its provider keys to its log at start.</summary>
    public const string LogProviderKeys = "log-provider-keys";
    /// <summary>
    /// base-worker: extracted text is stored without cleaning, and a database error is classified by
    /// library (every database exception an outage) instead of by SQLSTATE: a NUL in a document is
    /// retried as <c>database-unavailable</c> until the job is given up.
    /// </summary>
    public const string DataErrorsAsOutages = "data-errors-as-outages";

    /// <summary>api-server: uploading the bytes of a set-aside document again returns the dead document instead of restarting it.</summary>
    public const string NoRestartOnReupload = "no-restart-on-reupload";

    /// <summary>api-server: a multipart body the reader cannot parse (broken boundary, truncated) answers 500 instead of malformed-request.</summary>
    public const string MalformedMultipart500 = "malformed-multipart-500";
    /// <summary>base-worker: the start of every document's parsed text is written to the log.</summary>
    public const string LogDocumentText = "log-document-text";
    /// <summary>base-worker: provider answers are no longer counted in its metrics, so a provider outage raises no alert.</summary>
    public const string SilentProviderMetrics = "silent-provider-metrics";
    /// <summary>base-worker: the claim picks its job without FOR UPDATE SKIP LOCKED, so racing workers can take the same job.</summary>
    public const string ClaimWithoutRowLock = "claim-without-row-lock";
    /// <summary>base-worker: every embeddings request waits for one database-wide lock, so only one worker embeds at a time.</summary>
    public const string SerialiseEmbeddings = "serialise-embeddings";
    /// <summary>base-worker: every provider request and answer (document bytes, parsed text, chunks, vectors) is kept for the life of the process: a memory leak.</summary>
    public const string KeepProcessedDocuments = "keep-processed-documents";
    /// <summary>base-worker: every document's parsed text and its chunks are kept in a cache that is never emptied: a leak of kilobytes per document.</summary>
    public const string KeepParsedText = "keep-parsed-text";

    /// <summary>base-worker: the OpenAI throttle is bypassed: no concurrency cap, no pause for x-ratelimit-*, Retry-After or backoff.</summary>
    public const string UnthrottledOpenAi = "unthrottled-openai";

    /// <summary>base-worker: each embeddings answer's vectors are handed back rotated by one, so a batch's vectors are stored against its neighbours' chunks.</summary>
    public const string MisplacedVectors = "misplaced-vectors";

    /// <summary>base-worker: lease renewals report success but leave the expiry the claim set, so work longer than a lease lapses and a second worker starts the same stage.</summary>
    public const string LeaseLapsesInLongWork = "lease-lapses-in-long-work";

    /// <summary>api-server: an upload is taken for the same document as one of this user's with the same file name, whatever its bytes.</summary>
    public const string IdentityByFileName = "identity-by-file-name";

    /// <summary>base-worker: each long chunk loses the word at its middle; counts, sizes and vectors stay plausible.</summary>
    public const string ChunksLoseAWord = "chunks-lose-a-word";

    /// <summary>api-server: a parser completion notice is taken as genuine whatever token its URL carries.</summary>
    public const string AcceptUnprovenParserNotices = "accept-unproven-parser-notices";

    /// <summary>api-server: every new document's upload is counted in its metrics as a deduplicated one.</summary>
    public const string UploadsCountedAsDuplicates = "uploads-counted-as-duplicates";

    /// <summary>base-worker: the chunker's window is the embeddings model's input limit (8,191 tokens) instead of the configured chunk size.</summary>
    public const string ChunkWindowIsModelLimit = "chunk-window-is-model-limit";

    /// <summary>base-worker: only the first half of the parser's text is stored, so every later stage works on half a document.</summary>
    public const string TruncateParsedText = "truncate-parsed-text";

    /// <summary>base-worker: the job in hand is worked on as if no stop had been asked: neither released nor cut off at the shutdown deadline.</summary>
    public const string IgnoreSigtermForJobInHand = "ignore-sigterm-for-job-in-hand";

    /// <summary>scripts/backup.sh: the backup archives the database but not the stored document files.</summary>
    public const string BackupSkipsFiles = "backup-skips-files";

    /// <summary>How much longer chunking takes under <see cref="StallInChunking"/>: past any 30 s stage budget.</summary>
    public static readonly TimeSpan StallInChunkingDelay = TimeSpan.FromSeconds(40);

    /// <summary>Every defect's name: the string constants above other than the two setting names.</summary>
    public static IReadOnlyList<string> Known { get; } = typeof(PipelineDefects)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true, Name: not (nameof(EnvironmentVariable) or nameof(TestingEnvironment)) } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    public static PipelineDefects None { get; } = new([]);

    private readonly HashSet<string> _on;

    public PipelineDefects(IEnumerable<string> enabled) =>
        _on = new HashSet<string>(enabled, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the process environment; outside <c>Testing</c> every defect is off.</summary>
    public static PipelineDefects FromEnvironment() => Parse(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"));

    /// <summary>
    /// Reads <c>PIPELINE_DEFECTS</c> from the host's configuration (environment variables included),
    /// honoured when the host environment, or either environment variable, is <c>Testing</c>.
    /// </summary>
    public static PipelineDefects FromConfiguration(IConfiguration configuration, string hostEnvironmentName) => Parse(
        configuration[EnvironmentVariable],
        hostEnvironmentName,
        Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"));

    /// <summary>True when any of the names is <c>Testing</c>: the only place test-only settings apply.</summary>
    public static bool IsTesting(params string?[] environmentNames) =>
        environmentNames.Any(e => string.Equals(e, TestingEnvironment, StringComparison.OrdinalIgnoreCase));

    public static PipelineDefects Parse(string? defectList, params string?[] environmentNames)
    {
        if (!IsTesting(environmentNames) || string.IsNullOrWhiteSpace(defectList)) return None;
        return new PipelineDefects(defectList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public bool IsOn(string name) => _on.Contains(name);

    public IReadOnlyCollection<string> Enabled => _on;

    public override string ToString() => _on.Count == 0 ? "none" : string.Join(",", _on.Order());
}
