using System.Diagnostics;
using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using Acceptance.Support.Resources;
using Acceptance.Support.Waiting;
using Pipeline.Contract;

namespace Acceptance.Support.Environment;

/// <summary>
/// A pipeline from compose files (the repository's docker-compose.yml unless Acceptance:Compose:Files names the team's
/// own), with its parts found by the service map (<see cref="ComposeServiceMap"/>). Needs a Docker engine and
/// `docker compose` or docker-compose 1.29: started with `up -d --build`, awaited until docker reports every container
/// healthy, reached on the ports its containers publish, controlled with docker, its logs read with `docker logs`, and
/// removed with `down -v`. The repository's base images come from the environment (DOTNET_SDK_IMAGE,
/// DOTNET_RUNTIME_IMAGE, POSTGRES_IMAGE; see scripts/docker-base-images.sh).
/// </summary>
public sealed class ComposePipelineEnvironment : IPipelineEnvironment, IHasServiceMetrics
{
    public static readonly string ComposeFile = Path.Combine(RepositoryRoot(), "docker-compose.yml");
    // A first build restores packages from NuGet inside the SDK image: minutes on a fresh machine.
    private static readonly TimeSpan BuildAndStartWithin = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromMinutes(3);
    private readonly DockerCompose _compose;
    private readonly ComposeServiceLogs _logs;

    private ComposePipelineEnvironment(ComposeOptions options, DockerCompose compose, ComposeContainers containers, ComposeServiceMap map,
        IReadOnlyDictionary<string, ComposeEndpoint> endpoints, ComposeServiceLogs logs, string logFolder)
    {
        _compose = compose;
        _logs = logs;
        var database = endpoints[ServiceNames.Database];
        ApiBaseUrl = endpoints[ServiceNames.Api].Url;
        DatabaseConnectionString = $"Host={database.HostAddress};Port={database.HostPort};Username={options.DatabaseUser};Password={options.PostgresPassword};Database={options.DatabaseName}";
        Tokens = new TokenIssuer(options.JwtSigningKey, options.JwtIssuer, options.JwtAudience);
        Secrets = [options.JwtSigningKey, options.PostgresPassword];
        Mocks = endpoints.TryGetValue(ServiceNames.Embeddings, out var openAi) && endpoints.TryGetValue(ServiceNames.Parser, out var llamaParse)
            ? new MockEndpoints(openAi.Url, llamaParse.Url)
            : null;
        Control = new ComposeServiceController(compose, containers, map, logFolder);
        ServiceMetrics = new ComposeMetricsEndpoints(containers, compose, map, MetricsPorts(map, endpoints));
    }

    public string Target => "compose";
    public Uri ApiBaseUrl { get; }
    public string DatabaseConnectionString { get; }
    public TokenIssuer Tokens { get; }
    /// <summary>The signing key and database password the services hold (handed to docker-compose.yml, or told by the team), which no log may contain.</summary>
    public IReadOnlyCollection<string> Secrets { get; }
    public IReadOnlyDictionary<string, string> LogFiles => _logs.Files;
    public TimeSpan StartupTime { get; private set; }
    public MockEndpoints? Mocks { get; }
    public IServiceController Control { get; }
    /// <summary>
    /// Provider faults when the compose files run the fakes (the service map names them), so their faults can be set;
    /// operator monitoring when every service the alert rules read serves /metrics.
    /// </summary>
    public IReadOnlySet<string> Capabilities => Control.Capabilities
        .Concat(Mocks is null ? [] : [TargetCapabilities.ProviderFaults])
        .Concat(ServiceMetrics.TooFewForTheAlertRulesBecause is null ? [TargetCapabilities.OperatorMonitoring] : [])
        .ToHashSet();
    public IServiceMetricsEndpoints ServiceMetrics { get; }

    /// <summary>Starts the project; a service map that does not fit the files is a bad configuration (<see cref="InvalidSuiteConfigurationException"/>).</summary>
    public static async Task<ComposePipelineEnvironment> StartAsync(SuiteOptions options, string logFolder)
    {
        var clock = Stopwatch.StartNew();
        var files = options.Compose.Files.Count > 0 ? options.Compose.Files.Select(Path.GetFullPath).ToList() : [ComposeFile];
        var (compose, missing) = await DockerCompose.FindAsync(options.Compose.ProjectName, files, PublishedPorts(options.Compose));
        if (compose is null)
            throw new InvalidOperationException($"The compose target cannot start: {missing}.");
        var map = ComposeServiceMap.From(options.Compose);
        if (map.Absent(await compose.ServicesAsync(), files).ToList() is { Count: > 0 } absent)
            throw new InvalidSuiteConfigurationException(absent);
        compose = compose.WithOverride(await ComposeOverride.WriteAsync(
            Path.Combine(logFolder, "suite.override.yml"), map.WorkerServices, WorkerTimings(options.Local)));
        var containers = new ComposeContainers(compose, map, new Waiter(options));
        var logs = new ComposeServiceLogs(containers, map, logFolder);
        try
        {
            await compose.ComposeAsync(BuildAndStartWithin, "up", "-d", "--build");
            await containers.UntilAllStartedHealthyAsync(HealthyWithin);
            var endpoints = await ComposePorts.ReadAsync(compose, containers, map);
            return new ComposePipelineEnvironment(options.Compose, compose, containers, map, endpoints, logs, logFolder)
            {
                StartupTime = clock.Elapsed,
                // The workers run with the suite's test timings (WorkerTimings, through suite.override.yml).
                Retry = new RetrySettings(TimeSpan.FromSeconds(options.Local.RetryWindowSeconds), TimeSpan.FromMilliseconds(options.Local.BackoffMaxMs)),
            };
        }
        catch
        {
            await StopAsync(compose, logs);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(_compose, _logs));

    private static async Task StopAsync(DockerCompose compose, ComposeServiceLogs logs)
    {
        _ = logs.Files; // the services' last words, kept in the run folder
        await compose.ComposeAsync("down", "-v", "--remove-orphans");
    }

    /// <summary>Where each service serves /metrics inside its containers: the published port of the api and the fakes, the workers' as mapped.</summary>
    private static Dictionary<string, int> MetricsPorts(ComposeServiceMap map, IReadOnlyDictionary<string, ComposeEndpoint> endpoints)
    {
        var ports = new Dictionary<string, int>();
        foreach (var (suiteName, role, _) in map.Published.Where(p => p.SuiteName != ServiceNames.Database))
            ports[role.Service] = endpoints[suiteName].ContainerPort;
        foreach (var worker in map.Workers.Where(w => w.Port is not null))
            ports[worker.Service] = worker.Port!.Value;
        return ports;
    }

    /// <summary>
    /// The workers' test timings (short leases and back-offs, as the local target's), so scenarios
    /// measure the same recovery on both targets rather than production defaults meant for hours.
    /// </summary>
    /// <summary>The retry window and longest backoff the workers were given (<see cref="WorkerTimings"/>).</summary>
    public RetrySettings? Retry { get; private init; }

    private static Dictionary<string, string> WorkerTimings(LocalOptions local) => new()
    {
        ["Worker__Concurrency"] = Text(local.JobsPerWorker),
        ["Worker__LeaseSeconds"] = Text(local.LeaseSeconds),
        ["Worker__MaxAttempts"] = Text(local.MaxAttempts),
        ["Worker__BackoffBaseMs"] = Text(local.BackoffBaseMs),
        ["Worker__BackoffMaxMs"] = Text(local.BackoffMaxMs),
        ["Worker__ParsePollSeconds"] = Text(local.ParsePollSeconds),
        ["Worker__ShutdownDeadlineSeconds"] = Text(local.ShutdownDeadlineSeconds),
        ["Worker__RetryWindowSeconds"] = Text(local.RetryWindowSeconds),
        ["Worker__RevivalIntervalSeconds"] = Text(local.RevivalIntervalSeconds),
    };

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The values docker-compose.yml interpolates (published ports, test-only credentials), from the suite's settings.</summary>
    private static Dictionary<string, string> PublishedPorts(ComposeOptions options) => new()
    {
        ["API_PORT"] = options.ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MOCK_LLAMAPARSE_PORT"] = options.MockLlamaParsePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MOCK_OPENAI_PORT"] = options.MockOpenAiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["POSTGRES_PORT"] = options.PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["POSTGRES_PASSWORD"] = options.PostgresPassword,
        ["AUTH_SIGNING_KEY"] = options.JwtSigningKey,
        ["AUTH_ISSUER"] = options.JwtIssuer,
        ["AUTH_AUDIENCE"] = options.JwtAudience,
    };

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "docker-compose.yml")))
                return folder.FullName;
        throw new FileNotFoundException("docker-compose.yml was not found above the suite's folder.");
    }
}
