using System.Diagnostics;
using Acceptance.Support.Configuration;
using Acceptance.Support.Control;

namespace Acceptance.Support.Environment;

/// <summary>
/// The reference pipeline from docker-compose.yml (needs a Docker engine): started with
/// `docker compose up --build --wait`, reached on the ports the file publishes on 127.0.0.1,
/// controlled with docker, and removed with `docker compose down -v`.
/// </summary>
public sealed class ComposePipelineEnvironment : IPipelineEnvironment
{
    public static readonly string ComposeFile = Path.Combine(RepositoryRoot(), "docker-compose.yml");
    private readonly DockerCompose _docker;

    private ComposePipelineEnvironment(ComposeOptions options)
    {
        _docker = new DockerCompose(ComposeFile, new Dictionary<string, string>());
        ApiBaseUrl = new Uri($"http://127.0.0.1:{options.ApiPort}");
        DatabaseConnectionString = $"Host=127.0.0.1;Port={options.PostgresPort};Username=pipeline;Password={options.PostgresPassword};Database=pipeline";
        Tokens = new TokenIssuer(options.JwtSigningKey, options.JwtIssuer, options.JwtAudience);
        Mocks = new MockEndpoints(new Uri($"http://127.0.0.1:{options.MockOpenAiPort}"), new Uri($"http://127.0.0.1:{options.MockLlamaParsePort}"));
        Control = new ComposeServiceController(_docker);
    }

    public string Target => "compose";
    public Uri ApiBaseUrl { get; }
    public string DatabaseConnectionString { get; }
    public TokenIssuer Tokens { get; }
    public IReadOnlyDictionary<string, string> LogFiles { get; } = new Dictionary<string, string>();
    public TimeSpan StartupTime { get; private set; }
    public MockEndpoints? Mocks { get; }
    public IServiceController Control { get; }

    public static async Task<ComposePipelineEnvironment> StartAsync(ComposeOptions options)
    {
        var clock = Stopwatch.StartNew();
        var environment = new ComposePipelineEnvironment(options);
        await environment._docker.ComposeAsync("up", "-d", "--build", "--wait");
        environment.StartupTime = clock.Elapsed;
        return environment;
    }

    public async ValueTask DisposeAsync() => await _docker.ComposeAsync("down", "-v");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "docker-compose.yml")))
                return folder.FullName;
        throw new FileNotFoundException("docker-compose.yml was not found above the suite's folder.");
    }
}
