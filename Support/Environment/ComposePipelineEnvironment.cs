using System.Diagnostics;
using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using Acceptance.Support.Resources;
using Acceptance.Support.Waiting;
using Pipeline.Contract;

namespace Acceptance.Support.Environment;

/// <summary>
/// The reference pipeline from docker-compose.yml (needs a Docker engine and `docker compose` or
/// docker-compose 1.29): built and started with `up -d --build`, awaited until docker reports every
/// container healthy, reached on the ports the file publishes on 127.0.0.1, controlled with docker,
/// its logs read with `docker logs`, and removed with `down -v`. Base images come from the
/// environment (DOTNET_SDK_IMAGE, DOTNET_RUNTIME_IMAGE, POSTGRES_IMAGE; see scripts/docker-base-images.sh).
/// </summary>
public sealed class ComposePipelineEnvironment : IPipelineEnvironment, IHasServiceMetrics
{
    public static readonly string ComposeFile = Path.Combine(RepositoryRoot(), "docker-compose.yml");
    // A first build restores packages from NuGet inside the SDK image: minutes on a fresh machine.
    private static readonly TimeSpan BuildAndStartWithin = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromMinutes(3);
    private readonly DockerCompose _compose;
    private readonly ComposeServiceLogs _logs;

    private ComposePipelineEnvironment(ComposeOptions options, DockerCompose compose, ComposeContainers containers, string logFolder)
    {
        _compose = compose;
        _logs = new ComposeServiceLogs(containers, logFolder);
        ApiBaseUrl = new Uri($"http://127.0.0.1:{options.ApiPort}");
        DatabaseConnectionString = $"Host=127.0.0.1;Port={options.PostgresPort};Username=pipeline;Password={options.PostgresPassword};Database=pipeline";
        Tokens = new TokenIssuer(options.JwtSigningKey, options.JwtIssuer, options.JwtAudience);
        Mocks = new MockEndpoints(new Uri($"http://127.0.0.1:{options.MockOpenAiPort}"), new Uri($"http://127.0.0.1:{options.MockLlamaParsePort}"));
        Control = new ComposeServiceController(compose, containers, logFolder);
        ServiceMetrics = new ComposeMetricsEndpoints(containers, compose);
    }

    public string Target => "compose";
    public Uri ApiBaseUrl { get; }
    public string DatabaseConnectionString { get; }
    public TokenIssuer Tokens { get; }
    public IReadOnlyDictionary<string, string> LogFiles => _logs.Files;
    public TimeSpan StartupTime { get; private set; }
    public MockEndpoints? Mocks { get; }
    public IServiceController Control { get; }
    /// <summary>The compose file runs the bundled mocks, so their faults can be set.</summary>
    public IReadOnlySet<string> Capabilities => Control.Capabilities.Union([TargetCapabilities.ProviderFaults]).ToHashSet();
    public IServiceMetricsEndpoints ServiceMetrics { get; }

    public static async Task<ComposePipelineEnvironment> StartAsync(SuiteOptions options, string logFolder)
    {
        var clock = Stopwatch.StartNew();
        var (compose, missing) = await DockerCompose.FindAsync(ComposeFile, PublishedPorts(options.Compose));
        if (compose is null)
            throw new InvalidOperationException($"The compose target cannot start: {missing}.");
        compose = compose.WithOverride(await ComposeOverride.WriteAsync(
            Path.Combine(logFolder, "suite.override.yml"), ComposeContainers.WorkerService, WorkerTimings(options.Local)));
        var containers = new ComposeContainers(compose, new Waiter(options));
        var environment = new ComposePipelineEnvironment(options.Compose, compose, containers, logFolder);
        try
        {
            await compose.ComposeAsync(BuildAndStartWithin, "up", "-d", "--build");
            await containers.UntilAllStartedHealthyAsync(HealthyWithin);
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
        environment.StartupTime = clock.Elapsed;
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        _ = _logs.Files; // the services' last words, kept in the run folder
        await _compose.ComposeAsync("down", "-v", "--remove-orphans");
    }

    /// <summary>
    /// The workers' test timings (short leases and back-offs, as the local target's), so scenarios
    /// measure the same recovery on both targets rather than production defaults meant for hours.
    /// </summary>
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

    /// <summary>The ports docker-compose.yml publishes follow the suite's settings, so both agree.</summary>
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
