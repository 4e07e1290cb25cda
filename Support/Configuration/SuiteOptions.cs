namespace Acceptance.Support.Configuration;

/// <summary>
/// Everything the suite can be told, from acceptance.settings.json and ACCEPTANCE__* environment
/// variables (e.g. ACCEPTANCE__TARGET=external, ACCEPTANCE__WORKLOAD__DOCUMENTS=8).
/// </summary>
public sealed class SuiteOptions
{
    /// <summary>local (default): private PostgreSQL + reference services as child processes; compose: docker-compose.yml; external: URLs only.</summary>
    public string Target { get; set; } = "local";
    public TimeoutOptions Timeouts { get; set; } = new();
    public WorkloadOptions Workload { get; set; } = new();
    public LocalOptions Local { get; set; } = new();
    public ExternalOptions External { get; set; } = new();
    public ComposeOptions Compose { get; set; } = new();
    public PipelineFacts Pipeline { get; set; } = new();
    public RealApiOptions RealApi { get; set; } = new();
    public MonitoringOptions Monitoring { get; set; } = new();
    public BackupOptions Backup { get; set; } = new();
    public LoadOptions Load { get; set; } = new();
}

public sealed class TimeoutOptions
{
    public int EnvironmentStartSeconds { get; set; } = 120;
    public int DocumentEmbeddedSeconds { get; set; } = 60;
    public int PollMilliseconds { get; set; } = 100;
    /// <summary>
    /// Multiplies every functional wait limit (each Waiter.UntilAsync timeout, e.g. "embedded within 60 seconds")
    /// for a slow or shared machine: 2 gives every wait twice as long. Speed itself is judged by the 4.3 criteria.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;
    /// <summary>
    /// The most a wait limit is stretched for the machine's measured starvation (the CPU canary's slowdown,
    /// wall over CPU time): 20 lets a machine running twenty threads per core still finish; 1 switches it off.
    /// </summary>
    public double MaxStarvationStretch { get; set; } = 20.0;
    /// <summary>
    /// Set by the run, not configured: the one factor every time of the run is stretched by for a machine starved at
    /// start (<c>StarvedMachineTimings</c>): the local target's compressed times (lease, retry window, shutdown
    /// deadline, scrape interval), the alert rules' compression (divided by it) and every wait limit (multiplied).
    /// </summary>
    public double StarvationStretch { get; set; } = 1.0;
}

public sealed class WorkloadOptions
{
    public int Documents { get; set; } = 5;
    public int Concurrency { get; set; } = 3;
}

public sealed class LocalOptions
{
    /// <summary>
    /// Seconds between the full collections the api-server and workers run (Metrics__FullCollectionSeconds; 0: none,
    /// only the runtime's own). Set by <c>scripts/gate.sh --soak</c>, so the live heap the leak detector reads is fresh.
    /// </summary>
    public int FullCollectionSeconds { get; set; }
    public int Workers { get; set; } = 2;
    public int JobsPerWorker { get; set; } = 2;
    public int ParserLatencyMs { get; set; }
    public int EmbeddingLatencyMs { get; set; }
    /// <summary>Comma-separated names of test-only defects to switch on in the reference pipeline.</summary>
    public string Defects { get; set; } = "";
    /// <summary>Queue settings of the local workers: short leases and backoffs so recovery is seen in seconds.</summary>
    public int LeaseSeconds { get; set; } = 5;
    public int MaxAttempts { get; set; } = 8;
    public int BackoffBaseMs { get; set; } = 250;
    public int BackoffMaxMs { get; set; } = 4000;
    public int ParsePollSeconds { get; set; } = 2;
    public int ShutdownDeadlineSeconds { get; set; } = 10;
    /// <summary>
    /// Time-compressed retry policy: a transient failure is retried for 20 s here (6 h in production)
    /// before its job is set aside, and set-aside jobs are probed every 3 s (5 min in production), so
    /// an outage "longer than the retry window" takes seconds to show.
    /// </summary>
    public int RetryWindowSeconds { get; set; } = 20;
    public int RevivalIntervalSeconds { get; set; } = 3;
    /// <summary>Log-normal spread (σ) of the mocks' latencies around ParserLatencyMs and EmbeddingLatencyMs; 0 keeps them constant.</summary>
    public double ParserLatencySpread { get; set; }
    public double EmbeddingLatencySpread { get; set; }
    /// <summary>Parser time added per page, like the real service's.</summary>
    public int ParserPerPageLatencyMs { get; set; }
    /// <summary>Seed of the mocks' latency draws, so a load run can be repeated.</summary>
    public int LatencySeed { get; set; } = 4_3_2026;
}

public sealed class ExternalOptions
{
    public string ApiUrl { get; set; } = "";
    public string DatabaseConnectionString { get; set; } = "";
    public string JwtSigningKey { get; set; } = "";
    public string JwtIssuer { get; set; } = "";
    public string JwtAudience { get; set; } = "";
    /// <summary>
    /// Each service's Prometheus /metrics URL by service name (api-server, base-worker-1, …; BASE_WORKER_1 in a shell
    /// variable), read for its process_* series by the resource scenarios; none: those scenarios are not verified.
    /// </summary>
    public Dictionary<string, string> MetricsUrls { get; set; } = [];
    /// <summary>The mock providers' addresses when the pipeline talks to the bundled mocks (their fault admin), else empty.</summary>
    public string MockOpenAiUrl { get; set; } = "";
    public string MockLlamaParseUrl { get; set; } = "";
    /// <summary>Shell commands that break and mend the pipeline's services (docs/targets.md, "Giving the suite control of your pipeline").</summary>
    public ControlOptions Control { get; set; } = new();
    /// <summary>
    /// The folder the pipeline's stored files are in, readable where the suite runs: the paths its database records are read
    /// relative to it (an absolute path stays as it is). Empty: the stored files are not verified.
    /// </summary>
    public string StorageRoot { get; set; } = "";
    /// <summary>The workers' retry window (Worker__RetryWindowSeconds) and longest backoff (Worker__BackoffMaxMs); both, or neither is known.</summary>
    public int? RetryWindowSeconds { get; set; }
    public int? BackoffMaxMs { get; set; }
    /// <summary>
    /// The provider keys the pipeline's workers were given, by provider (OpenAi, LlamaParse), for the suite to look for in its
    /// logs, reports and process listings. Secret: reports mask them (the setting's name says key).
    /// </summary>
    public Dictionary<string, string> ProviderKeys { get; set; } = [];
}

/// <summary>The command controller's settings: per service (by name, or its SHELL_SAFE form), what runs each verb.</summary>
public sealed class ControlOptions
{
    public Dictionary<string, ServiceCommands> Services { get; set; } = [];
    /// <summary>How long one command may take before the suite gives up on it (a start waits for readiness).</summary>
    public int CommandTimeoutSeconds { get; set; } = 120;
    /// <summary>
    /// How long reading the services' logs and then running a kill, pause or stop command may take together: a command
    /// starts a shell (and whatever it calls) where the local target sends a signal. Stage delays are this much longer.
    /// </summary>
    public int ReactionSeconds { get; set; } = 10;
    /// <summary>
    /// Runs exactly {count} worker processes with one job slot each (adding, stopping or restarting workers) and returns
    /// once all are ready (worker-scaling). After the scenario the suite runs it with the usual count, the base-worker
    /// services above, and restarts each of those with its Stop and Start commands for their usual settings.
    /// </summary>
    public string Scale { get; set; } = "";
    public const string CountPlaceholder = "{count}";
    /// <summary>The team's own backup and restore commands, for the backup drills (docs/targets.md, "Backup drills on your pipeline").</summary>
    public BackupCommands Backup { get; set; } = new();
}

/// <summary>
/// Shell commands (run with /bin/sh -c, each bounded by CommandTimeoutSeconds) that carry out a backup drill on the
/// team's own pipeline with its own procedure; the target declares backup-restore only when all of them are given.
/// </summary>
public sealed class BackupCommands
{
    /// <summary>Switch continuous archiving (WAL and stored files) on; return once it is on.</summary>
    public string Enable { get; set; } = "";
    /// <summary>Take a full backup now; may print <c>base backup &lt;name&gt;: &lt;bytes&gt; bytes in &lt;seconds&gt; s</c> for the report.</summary>
    public string Base { get; set; } = "";
    /// <summary>Destroy the database server's data and every stored file, as a lost server and disk would (drills only).</summary>
    public string LoseData { get; set; } = "";
    /// <summary>Restore to the latest archived point; return once the database accepts writes.</summary>
    public string Restore { get; set; } = "";
    /// <summary>Restore to the state just before a moment, written where <see cref="TimePlaceholder"/> stands; return once the database accepts writes.</summary>
    public string RestoreTo { get; set; } = "";

    /// <summary>Replaced in RestoreTo by an ISO-8601 UTC moment, e.g. 2026-12-01T03:04:05.123456Z (no quoting needed).</summary>
    public const string TimePlaceholder = "{time}";
}

/// <summary>
/// Shell commands (run with /bin/sh -c) for one service; any may be left out, and the target then lacks what it gives.
/// Stop returns once the service has exited; Start once it is ready again; Status exits 0 while it runs; Logs prints its log.
/// </summary>
public sealed class ServiceCommands
{
    public string Stop { get; set; } = "";
    public string Start { get; set; } = "";
    /// <summary>Start with test-only settings: the suite appends them as KEY=VALUE words (worker-settings).</summary>
    public string StartWith { get; set; } = "";
    public string Kill { get; set; } = "";
    public string Pause { get; set; } = "";
    public string Resume { get; set; } = "";
    public string Status { get; set; } = "";
    public string Logs { get; set; } = "";
}

/// <summary>
/// The compose target: the compose files, which of their services plays which part (Services), and the credentials the
/// suite uses. Ports are read from the running containers; the *Port settings are handed to docker-compose.yml (API_PORT…)
/// so its published ports can be moved.
/// </summary>
public sealed class ComposeOptions
{
    /// <summary>Compose files layered in this order (scripts/gate.sh --compose-file); none: the repository's docker-compose.yml.</summary>
    public List<string> Files { get; set; } = [];
    /// <summary>The compose project (-p) the suite starts, controls and removes.</summary>
    public string ProjectName { get; set; } = "document-pipeline";
    public ComposeServicesOptions Services { get; set; } = new();
    public string DatabaseUser { get; set; } = "pipeline";
    public string DatabaseName { get; set; } = "pipeline";
    public int ApiPort { get; set; } = 8080;
    public int MockLlamaParsePort { get; set; } = 8081;
    public int MockOpenAiPort { get; set; } = 8082;
    public int PostgresPort { get; set; } = 55432;
    public string PostgresPassword { get; set; } = "pipeline-test-only";
    public string JwtSigningKey { get; set; } = "compose-test-signing-key-not-a-secret-0001";
    public string JwtIssuer { get; set; } = "pipeline-tests";
    public string JwtAudience { get; set; } = "pipeline-api";
}

/// <summary>What the suite expects of the pipeline under test.</summary>
public sealed class PipelineFacts
{
    public string EmbeddingModel { get; set; } = "text-embedding-3-small";
    public int EmbeddingDimensions { get; set; } = 1536;
    public long UploadLimitBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>The chunk limits (cl100k tokens): no chunk longer, this much shared with the one before (docs/contract.md, "Chunks").</summary>
    public int ChunkMaxTokens { get; set; } = 512;
    public int ChunkOverlapTokens { get; set; } = 64;
    /// <summary>Embedding calls one worker process has in flight at once (its client-side concurrency cap).</summary>
    public int EmbeddingCallsInFlightPerWorker { get; set; } = 2;
}

/// <summary>
/// Real LlamaParse and OpenAI (scripts/gate.sh --real-apis), under hard caps per run. Keys come from
/// LLAMA_CLOUD_API_KEY / OPENAI_API_KEY or from the files named here; they are never written anywhere.
/// </summary>
public sealed class RealApiOptions
{
    /// <summary>Point the local workers at the real providers and run the @real-api scenarios.</summary>
    public bool Enabled { get; set; }
    /// <summary>
    /// A rehearsal of real-API mode (scripts/gate.sh --real-apis --rehearse): the @real-api scenarios run through the
    /// same code path, budget and pre-flight estimate, but the workers keep the bundled mocks; no key is needed and
    /// nothing is spent, so the real services are never verified by it.
    /// </summary>
    public bool Rehearse { get; set; }
    public decimal LlamaParseBudgetUsd { get; set; } = 5m;
    public decimal OpenAiBudgetUsd { get; set; } = 10m;
    /// <summary>The gate's --budget-usd: when given, neither provider may spend more than this in the run.</summary>
    public decimal? BudgetUsd { get; set; }
    /// <summary>The LlamaParse tier uploads are priced at (a key of the price table's creditsPerPage).</summary>
    public string ParseMode { get; set; } = "cost_effective";
    public string LlamaParseKeyFile { get; set; } = "";
    public string OpenAiKeyFile { get; set; } = "";

    /// <summary>"Comparable" for 4.4-real-vs-mock: shared-word similarity of the parsed texts, at least this.</summary>
    public double MinTextSimilarity { get; set; } = 0.6;
    /// <summary>"Comparable": the larger chunk count is at most this many times the smaller.</summary>
    public double MaxChunkCountRatio { get; set; } = 2.0;
    /// <summary>
    /// "Comparable" latency: the real services' median stage time is within this factor of the mocks'
    /// configured median (either way); beyond it the mocks' latency profile should be updated.
    /// </summary>
    public double MaxLatencyRatio { get; set; } = 2.0;

    public decimal LlamaParseCapUsd => Math.Min(LlamaParseBudgetUsd, BudgetUsd ?? decimal.MaxValue);
    public decimal OpenAiCapUsd => Math.Min(OpenAiBudgetUsd, BudgetUsd ?? decimal.MaxValue);
}

/// <summary>
/// The service map: which compose service is which part of the pipeline, each as "service" or "service:port" (the port
/// inside its container: the published one the suite uses, or for workers their /metrics port). Empty entries take the
/// repository's names (api-server, base-worker:9464, postgres, mock-llamaparse, mock-openai); with your own Files, Api,
/// Workers and Database must be given, and Parser and Embeddings name the provider fakes when your file runs them.
/// </summary>
public sealed class ComposeServicesOptions
{
    public string Api { get; set; } = "";
    public List<string> Workers { get; set; } = [];
    public string Database { get; set; } = "";
    public string Parser { get; set; } = "";
    public string Embeddings { get; set; } = "";
}
