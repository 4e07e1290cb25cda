using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
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
    private readonly LocalServices _services;
    private PostgresCluster? _cluster;

    private LocalPipelineEnvironment(string logDirectory, TimeSpan readyTimeout)
    {
        _services = new LocalServices(logDirectory, readyTimeout);
        Tokens = new TokenIssuer(_signingKey, Issuer, Audience);
    }

    public string Target => "local";
    public Uri ApiBaseUrl { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = "";
    public TokenIssuer Tokens { get; }
    public IReadOnlyDictionary<string, string> LogFiles => _services.LogFiles;
    public TimeSpan StartupTime { get; private set; }
    public MockEndpoints? Mocks { get; private set; }
    public IServiceController Control { get; private set; } = new NoServiceControl("the environment has not started");

    public static async Task<LocalPipelineEnvironment> StartAsync(SuiteOptions options, string logDirectory)
    {
        var clock = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds);
        var environment = new LocalPipelineEnvironment(logDirectory, timeout);
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
        var webhookSecret = RandomSecret();
        _cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { Timeout = timeout, Settings = StatementStatistics.ServerSettings });
        DatabaseConnectionString = await _cluster.CreateDatabaseAsync("pipeline");
        await StatementStatistics.EnableAsync(DatabaseConnectionString);
        var testing = string.IsNullOrWhiteSpace(options.Local.Defects)
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Testing", ["PIPELINE_DEFECTS"] = options.Local.Defects };

        _services.Define(new LocalService("mock-openai", "mock-openai", new Dictionary<string, string?>
        {
            ["MockOpenAi__LatencyMs"] = Text(options.Local.EmbeddingLatencyMs),
            ["MockOpenAi__LatencySpread"] = options.Local.EmbeddingLatencySpread.ToString(CultureInfo.InvariantCulture),
            ["MockOpenAi__LatencySeed"] = Text(options.Local.LatencySeed),
        }, LocalService.Healthy("/health")));
        _services.Define(new LocalService("mock-llamaparse", "mock-llamaparse", new Dictionary<string, string?>
        {
            ["MockLlamaParse__LatencyMs"] = Text(options.Local.ParserLatencyMs),
            ["MockLlamaParse__LatencySpread"] = options.Local.ParserLatencySpread.ToString(CultureInfo.InvariantCulture),
            ["MockLlamaParse__PerPageLatencyMs"] = Text(options.Local.ParserPerPageLatencyMs),
            ["MockLlamaParse__LatencySeed"] = Text(options.Local.LatencySeed),
            ["MockLlamaParse__WebhookSecret"] = webhookSecret,
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
            ["Webhook__Secret"] = webhookSecret,
        }, LocalService.Healthy("/health/ready")));
        var api = await _services.StartAsync("api-server");
        ApiBaseUrl = new Uri(api.BaseUrl);
        Mocks = new MockEndpoints(new Uri((await openAi).BaseUrl), new Uri((await llamaParse).BaseUrl));

        var workers = Enumerable.Range(1, options.Local.Workers).Select(n => $"base-worker-{n}").ToList();
        foreach (var worker in workers)
            _services.Define(new LocalService(worker, "base-worker", WorkerSettings(options, worker, testing), LocalService.LogsLine("Worker ready")));
        await Task.WhenAll(workers.Select(w => _services.StartAsync(w)));
        Control = new LocalServiceController(_services, _cluster, workers);
    }

    private Dictionary<string, string?> WorkerSettings(SuiteOptions options, string workerId, Dictionary<string, string?> testing) =>
        new(testing)
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
            ["LlamaParse__BaseUrl"] = Mocks!.LlamaParse.ToString().TrimEnd('/'),
            ["LlamaParse__ApiKey"] = $"llx-local-{RandomSecret()[..24]}",
            ["LlamaParse__WebhookUrl"] = new Uri(ApiBaseUrl, "api/v1/webhooks/llamaparse").ToString(),
            ["OpenAI__BaseUrl"] = Mocks.OpenAi.ToString().TrimEnd('/'),
            ["OpenAI__ApiKey"] = $"sk-local-{RandomSecret()[..24]}",
            ["OpenAI__Model"] = options.Pipeline.EmbeddingModel,
            ["OpenAI__Dimensions"] = Text(options.Pipeline.EmbeddingDimensions),
        };

    /// <summary>The process id currently running each service (they change when a service is restarted).</summary>
    public IReadOnlyDictionary<string, int> ProcessIds =>
        _services.Names.Select(name => (name, pid: TryPid(name))).Where(p => p.pid is not null).ToDictionary(p => p.name, p => p.pid!.Value);

    private int? TryPid(string name)
    {
        try
        {
            var process = _services[name];
            return process.HasExited ? null : process.Pid;
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string RandomSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
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
