using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using Acceptance.Support.RealApi;
using Pipeline.Contract;
using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>
/// The bundled reference pipeline on this machine: a private PostgreSQL cluster and every service
/// as a child process on free loopback ports, with fresh secrets per run and each process's log
/// in the run's report folder. Disposing it removes all of it.
/// </summary>
public sealed class LocalPipelineEnvironment : IPipelineEnvironment
{
    private const string Issuer = "acceptance-suite";
    private const string Audience = "document-pipeline";
    private readonly string _storageRoot = Directory.CreateTempSubdirectory("pipeline-storage-").FullName;
    private readonly string _signingKey = RandomSecret();
    /// <summary>The one key mock-openai issues for this run: it accepts no other, like OpenAI.</summary>
    private readonly string _openAiKey = $"sk-local-{RandomSecret()[..24]}";
    private readonly string _llamaParseKey = $"llx-local-{RandomSecret()[..24]}";
    /// <summary>The run the provider budget counts against (see Support/RealApi/ProviderSettings).</summary>
    private readonly string _budgetRunId = $"run-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{RandomSecret()[..8]}";

    /// <summary>The provider keys this environment handed to its services, by provider: none may appear in a log or report.</summary>
    public IReadOnlyDictionary<string, string> ProviderKeys => new Dictionary<string, string> { ["OpenAi"] = _openAiKey, ["LlamaParse"] = _llamaParseKey };

    public IReadOnlyList<string> ProviderKeyValues => ProviderKeys.Values.ToList();

    public string BudgetRunId => _budgetRunId;
    private readonly LocalServices _services;
    private PostgresCluster? _cluster;

    private LocalPipelineEnvironment(string logDirectory, TimeSpan readyTimeout)
    {
        _services = new LocalServices(logDirectory, readyTimeout);
        Tokens = new TokenIssuer(_signingKey, Issuer, Audience);
        _secrets.Add(_signingKey);
    }

    public string Target => "local";
    public Uri ApiBaseUrl { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = "";
    public TokenIssuer Tokens { get; }
    public IReadOnlyDictionary<string, string> LogFiles => _services.LogFiles;
    public TimeSpan StartupTime { get; private set; }
    public MockEndpoints? Mocks { get; private set; }
    public EmbeddingsService? Embeddings { get; private set; }
    public IServiceController Control { get; private set; } = new NoServiceControl("the environment has not started");
    /// <summary>Everything: the mocks' fault admin, its own database cluster to back up and lose, the suite's own Prometheus beside it.</summary>
    public IReadOnlySet<string> Capabilities =>
        Control.Capabilities.Union([TargetCapabilities.ProviderFaults, TargetCapabilities.BackupRestore, TargetCapabilities.OperatorMonitoring]).ToHashSet();

    /// <summary>The pipeline's PostgreSQL cluster, for backup and restore drills.</summary>
    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The environment has not started.");

    /// <summary>The folder holding every stored document file (Pipeline__StorageRoot).</summary>
    public string StorageRoot => _storageRoot;

    /// <summary>The retry settings the workers were given (Worker__RetryWindowSeconds, Worker__BackoffMaxMs).</summary>
    public RetrySettings? Retry { get; private set; }

    /// <summary>Every service's Prometheus /metrics URL, by service name (the mocks' too).</summary>
    public IReadOnlyDictionary<string, string> MetricsUrls => _services.Names
        .ToDictionary(name => name, name => $"http://127.0.0.1:{_services[name].Port}/metrics");

    /// <summary>Where the suite's Prometheus scrapes this target: every service.</summary>
    public IReadOnlyList<Monitoring.ScrapeTarget> MetricsTargets =>
        Monitoring.ScrapeTargets.From(MetricsUrls.ToDictionary(u => u.Key, u => new Uri(u.Value)));

    /// <summary>
    /// The process id of every running service and of the database server (from its postmaster.pid),
    /// so a tool that keeps the pipeline up by hand can prove that nothing it started outlives it.
    /// </summary>
    public IReadOnlyDictionary<string, int> ProcessIds
    {
        get
        {
            var ids = _services.Names.Where(name => !_services[name].HasExited).ToDictionary(name => name, name => _services[name].Pid);
            var postmasterPid = _cluster is null ? null : Path.Combine(_cluster.DataDirectory, "postmaster.pid");
            if (postmasterPid is not null && File.Exists(postmasterPid)
                && int.TryParse(File.ReadLines(postmasterPid).FirstOrDefault(), out var pid))
                ids["postgres"] = pid;
            return ids;
        }
    }

    public static async Task<LocalPipelineEnvironment> StartAsync(SuiteOptions options, string logDirectory)
    {
        var clock = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds);
        var environment = new LocalPipelineEnvironment(logDirectory, timeout);
        StopSignalCleanup.Register(environment);
        try
        {
            await environment.StartAllAsync(options, timeout);
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
        environment.StartupTime = clock.Elapsed;
        return environment;
    }

    private async Task StartAllAsync(SuiteOptions options, TimeSpan timeout)
    {
        _cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            Timeout = timeout,
            // Archiving can then be switched on without a restart (scripts/backup.sh enable).
            Settings = new Dictionary<string, string>(StatementStatistics.ServerSettings) { ["archive_mode"] = "on" },
        });
        await LetWalGoUntilArchivingIsEnabledAsync(_cluster);
        DatabaseConnectionString = await _cluster.CreateDatabaseAsync("pipeline");
        await StatementStatistics.EnableAsync(DatabaseConnectionString);
        var testing = string.IsNullOrWhiteSpace(options.Local.Defects)
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Testing", ["PIPELINE_DEFECTS"] = options.Local.Defects };
        // A soak's leak detector reads the live heap after full collections; ask the services for them.
        if (options.Local.FullCollectionSeconds > 0) testing["Metrics__FullCollectionSeconds"] = Text(options.Local.FullCollectionSeconds);

        _services.Define(new LocalService("mock-openai", "mock-openai", new Dictionary<string, string?>
        {
            ["MockOpenAi__LatencyMs"] = Text(options.Local.EmbeddingLatencyMs),
            ["MockOpenAi__IssuedKeys__0"] = _openAiKey,
            ["MockOpenAi__LatencySpread"] = options.Local.EmbeddingLatencySpread.ToString(CultureInfo.InvariantCulture),
            ["MockOpenAi__LatencySeed"] = Text(options.Local.LatencySeed),
        }, LocalService.Healthy("/health")));
        _services.Define(new LocalService("mock-llamaparse", "mock-llamaparse", new Dictionary<string, string?>
        {
            ["MockLlamaParse__LatencyMs"] = Text(options.Local.ParserLatencyMs),
            ["MockLlamaParse__LatencySpread"] = options.Local.ParserLatencySpread.ToString(CultureInfo.InvariantCulture),
            ["MockLlamaParse__PerPageLatencyMs"] = Text(options.Local.ParserPerPageLatencyMs),
            ["MockLlamaParse__LatencySeed"] = Text(options.Local.LatencySeed),
        }, LocalService.Healthy("/health")));
        var openAi = _services.StartAsync("mock-openai");
        var llamaParse = _services.StartAsync("mock-llamaparse");

        _services.Define(new LocalService("api-server", "api-server", new Dictionary<string, string?>(testing)
        {
            ["ConnectionStrings__Pipeline"] = DatabaseConnectionString,
            ["Pipeline__StorageRoot"] = _storageRoot,
            ["Auth__SigningKey"] = _signingKey,
            ["Auth__Issuer"] = Issuer,
            ["Auth__Audience"] = Audience,
            ["Upload__MaxBytes"] = Text(options.Pipeline.UploadLimitBytes),
        }, LocalService.Healthy("/health/ready")));
        var api = await _services.StartAsync("api-server");
        ApiBaseUrl = new Uri(api.BaseUrl);
        Mocks = new MockEndpoints(new Uri((await openAi).BaseUrl), new Uri((await llamaParse).BaseUrl));

        Retry = new RetrySettings(TimeSpan.FromSeconds(options.Local.RetryWindowSeconds), TimeSpan.FromMilliseconds(options.Local.BackoffMaxMs));
        var workers = Enumerable.Range(1, options.Local.Workers).Select(n => $"base-worker-{n}").ToList();
        var settingsOf = workers.ToDictionary(worker => worker, worker => WorkerSettings(options, worker, testing));
        foreach (var worker in workers)
            _services.Define(new LocalService(worker, "base-worker", settingsOf[worker], LocalService.LogsLine("Worker ready")));
        // As the workers were given it: the mock, or OpenAI itself in real-API mode.
        var given = settingsOf[workers[0]];
        Embeddings = new EmbeddingsService(new Uri(given["OpenAI__BaseUrl"]!), given["OpenAI__ApiKey"]!,
            options.Pipeline.EmbeddingModel, options.Pipeline.EmbeddingDimensions);
        await Task.WhenAll(workers.Select(w => _services.StartAsync(w)));
        Control = new LocalServiceController(_services, _cluster, workers);
    }

    /// <summary>
    /// With archive_mode on and no archive_command the server would keep every WAL segment; until a
    /// backup drill sets one (ALTER SYSTEM, which a command-line setting would override), each
    /// finished segment is let go at once.
    /// </summary>
    private static async Task LetWalGoUntilArchivingIsEnabledAsync(PostgresCluster cluster)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("ALTER SYSTEM SET archive_command = '/bin/true'; SELECT pg_reload_conf();", connection);
        await command.ExecuteNonQueryAsync();
    }

    private Dictionary<string, string?> WorkerSettings(SuiteOptions options, string workerId, Dictionary<string, string?> testing)
    {
        var settings = new Dictionary<string, string?>(testing)
        {
            ["ConnectionStrings__Pipeline"] = DatabaseConnectionString,
            ["Pipeline__StorageRoot"] = _storageRoot,
            ["Worker__Id"] = workerId,
            ["Worker__Concurrency"] = Text(options.Local.JobsPerWorker),
            ["Worker__LeaseSeconds"] = Text(options.Local.LeaseSeconds),
            ["Worker__MaxAttempts"] = Text(options.Local.MaxAttempts),
            ["Worker__BackoffBaseMs"] = Text(options.Local.BackoffBaseMs),
            ["Worker__BackoffMaxMs"] = Text(options.Local.BackoffMaxMs),
            ["Worker__ParsePollSeconds"] = Text(options.Local.ParsePollSeconds),
            ["Worker__ShutdownDeadlineSeconds"] = Text(options.Local.ShutdownDeadlineSeconds),
            ["Worker__RetryWindowSeconds"] = Text(options.Local.RetryWindowSeconds),
            ["Worker__RevivalIntervalSeconds"] = Text(options.Local.RevivalIntervalSeconds),
            ["LlamaParse__BaseUrl"] = Mocks!.LlamaParse.ToString().TrimEnd('/'),
            ["LlamaParse__ApiKey"] = _llamaParseKey,
            ["LlamaParse__WebhookUrl"] = new Uri(ApiBaseUrl, "api/v1/webhooks/llamaparse").ToString(),
            ["OpenAI__BaseUrl"] = Mocks.OpenAi.ToString().TrimEnd('/'),
            ["OpenAI__ApiKey"] = _openAiKey,
            ["OpenAI__Model"] = options.Pipeline.EmbeddingModel,
            ["OpenAI__Dimensions"] = Text(options.Pipeline.EmbeddingDimensions),
            ["OpenAI__MaxConcurrency"] = Text(options.Pipeline.EmbeddingCallsInFlightPerWorker),
            ["Chunking__MaxTokens"] = Text(options.Pipeline.ChunkMaxTokens),
            ["Chunking__OverlapTokens"] = Text(options.Pipeline.ChunkOverlapTokens),
        };
        ProviderSettings.Apply(settings, options, _budgetRunId);
        return settings;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private readonly System.Collections.Concurrent.ConcurrentBag<string> _secrets = [];

    public IReadOnlyCollection<string> Secrets => _secrets;

    private string Remember(string secret)
    {
        _secrets.Add(secret);
        return secret;
    }

    private static string RandomSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
        StopSignalCleanup.Forget(this);
        await _services.DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_storageRoot, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder must not fail the run; the OS cleans /tmp.
        }
    }
}
