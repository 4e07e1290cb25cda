using System.Diagnostics;
using System.Security.Cryptography;
using Acceptance.Support.Configuration;
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
    private readonly List<ServiceProcess> _services = [];
    private readonly string _storageRoot;
    private PostgresCluster? _cluster;

    private LocalPipelineEnvironment(string storageRoot, string signingKey)
    {
        _storageRoot = storageRoot;
        SigningKey = signingKey;
        Tokens = new TokenIssuer(signingKey, Issuer, Audience);
    }

    public string Target => "local";
    public Uri ApiBaseUrl { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = "";
    public TokenIssuer Tokens { get; }
    public IReadOnlyDictionary<string, string> LogFiles => _services.ToDictionary(s => s.Name, s => s.LogFile);
    public TimeSpan StartupTime { get; private set; }
    private string SigningKey { get; }

    public static async Task<LocalPipelineEnvironment> StartAsync(SuiteOptions options, string logDirectory)
    {
        var clock = Stopwatch.StartNew();
        var environment = new LocalPipelineEnvironment(
            Directory.CreateTempSubdirectory("pipeline-storage-").FullName, RandomSecret());
        try
        {
            await environment.StartAllAsync(options, logDirectory, TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds));
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
        environment.StartupTime = clock.Elapsed;
        return environment;
    }

    private async Task StartAllAsync(SuiteOptions options, string logDirectory, TimeSpan timeout)
    {
        Directory.CreateDirectory(logDirectory);
        var webhookSecret = RandomSecret();
        var openAiKey = $"sk-local-{RandomSecret()[..24]}";
        var llamaParseKey = $"llx-local-{RandomSecret()[..24]}";

        _cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { Timeout = timeout });
        DatabaseConnectionString = await _cluster.CreateDatabaseAsync("pipeline");

        var testing = string.IsNullOrWhiteSpace(options.Local.Defects)
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Testing", ["PIPELINE_DEFECTS"] = options.Local.Defects };

        var openAi = Start("mock-openai", logDirectory, new()
        {
            ["MockOpenAi__LatencyMs"] = options.Local.EmbeddingLatencyMs.ToString(),
        });
        var llamaParse = Start("mock-llamaparse", logDirectory, new()
        {
            ["MockLlamaParse__LatencyMs"] = options.Local.ParserLatencyMs.ToString(),
            ["MockLlamaParse__WebhookSecret"] = webhookSecret,
        });
        var api = Start("api-server", logDirectory, new Dictionary<string, string?>(testing)
        {
            ["ConnectionStrings__Pipeline"] = DatabaseConnectionString,
            ["Pipeline__StorageRoot"] = _storageRoot,
            ["Auth__SigningKey"] = SigningKey,
            ["Auth__Issuer"] = Issuer,
            ["Auth__Audience"] = Audience,
            ["Upload__MaxBytes"] = options.Pipeline.UploadLimitBytes.ToString(),
            ["Webhook__Secret"] = webhookSecret,
        });
        await Task.WhenAll(
            openAi.WaitForHealthyAsync("/health", timeout),
            llamaParse.WaitForHealthyAsync("/health", timeout),
            api.WaitForHealthyAsync("/health/ready", timeout));
        ApiBaseUrl = new Uri(api.BaseUrl);

        var workers = Enumerable.Range(1, options.Local.Workers).Select(n => Start($"base-worker-{n}", logDirectory,
            new Dictionary<string, string?>(testing)
            {
                ["ConnectionStrings__Pipeline"] = DatabaseConnectionString,
                ["Pipeline__StorageRoot"] = _storageRoot,
                ["Worker__Id"] = $"base-worker-{n}",
                ["Worker__Concurrency"] = options.Local.JobsPerWorker.ToString(),
                ["LlamaParse__BaseUrl"] = llamaParse.BaseUrl,
                ["LlamaParse__ApiKey"] = llamaParseKey,
                ["LlamaParse__WebhookUrl"] = $"{api.BaseUrl}/api/v1/webhooks/llamaparse",
                ["OpenAI__BaseUrl"] = openAi.BaseUrl,
                ["OpenAI__ApiKey"] = openAiKey,
                ["OpenAI__Model"] = options.Pipeline.EmbeddingModel,
                ["OpenAI__Dimensions"] = options.Pipeline.EmbeddingDimensions.ToString(),
            }, binary: "base-worker")).ToList();
        await Task.WhenAll(workers.Select(w => w.WaitForLogLineAsync(
            line => line.Contains("Worker ready", StringComparison.Ordinal), timeout, $"{w.Name} to report 'Worker ready'")));
    }

    private ServiceProcess Start(string name, string logDirectory, Dictionary<string, string?> environment, string? binary = null)
    {
        var service = ServiceProcess.StartDotnet(name, ServiceBinaries.PathOf(binary ?? name), environment, Path.Combine(logDirectory, $"{name}.log"));
        _services.Add(service);
        return service;
    }

    private static string RandomSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_services))
            await service.DisposeAsync();
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
