using Acceptance.Support.Control;

namespace Acceptance.Support.Environment;

/// <summary>
/// The pipeline the scenarios run against, wherever it lives. Drivers take their addresses and
/// credentials from here; nothing else in the suite knows whether the target is local or external.
/// </summary>
public interface IPipelineEnvironment : IAsyncDisposable
{
    /// <summary>local or external.</summary>
    string Target { get; }
    Uri ApiBaseUrl { get; }
    string DatabaseConnectionString { get; }
    /// <summary>Issues the bearer tokens the api-server accepts.</summary>
    TokenIssuer Tokens { get; }
    /// <summary>Service log files the suite can read (empty when the target's logs are out of reach).</summary>
    IReadOnlyDictionary<string, string> LogFiles { get; }
    /// <summary>How long the environment took to become ready.</summary>
    TimeSpan StartupTime { get; }
    /// <summary>The mock providers' addresses (their fault admin), or null when the target uses real providers.</summary>
    MockEndpoints? Mocks { get; }
    /// <summary>Control over the target's processes (verbs that refuse when there is none).</summary>
    IServiceController Control { get; }
    /// <summary>
    /// Everything the suite may do to this target beyond its API and database (Pipeline.Contract.TargetCapabilities):
    /// what its controller can do, plus what the target itself offers. Scenarios tagged @needs:&lt;capability&gt; run only if it is here.
    /// </summary>
    IReadOnlySet<string> Capabilities { get; }
    /// <summary>Keys and secrets the suite knows the services hold (generated for this run, or handed to them), which no log may contain; none when the target brings its own.</summary>
    IReadOnlyCollection<string> Secrets => [];
    /// <summary>The provider keys this environment handed to the pipeline's services (none when the target brings its own keys).</summary>
    IReadOnlyList<string> ProviderKeyValues => [];
    /// <summary>The run id the pipeline's spend ledger counts this run's provider spend under, when the suite chose it.</summary>
    string? BudgetRunId => null;
    /// <summary>The embeddings service the workers call, with their key (the mock or OpenAI itself), or null when the suite does not know it.</summary>
    EmbeddingsService? Embeddings => null;
    /// <summary>The folder the pipeline's stored files are in, readable here (the paths its database records resolve against it), or null.</summary>
    string? StorageRoot => null;
    /// <summary>The workers' retry window and longest backoff, where the suite knows them, or null.</summary>
    RetrySettings? Retry => null;
}

/// <summary>How long the workers retry a transient failure before setting the job aside, and their longest wait between tries.</summary>
public sealed record RetrySettings(TimeSpan Window, TimeSpan LongestBackoff);

/// <summary>An OpenAI-compatible embeddings endpoint, its key and the model and dimensions the pipeline asks for.</summary>
public sealed record EmbeddingsService(Uri BaseUrl, string ApiKey, string Model, int Dimensions)
{
    /// <summary>Never print the key, even by accident.</summary>
    public override string ToString() => $"EmbeddingsService({BaseUrl}, {Model}, {Dimensions} dimensions)";
}

/// <summary>Where the mock LlamaParse and mock OpenAI listen (their admin API is on the same address, loopback only).</summary>
public sealed record MockEndpoints(Uri OpenAi, Uri LlamaParse);
