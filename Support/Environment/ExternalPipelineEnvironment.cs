using Acceptance.Support.Backup;
using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using Acceptance.Support.Resources;
using Pipeline.Contract;

namespace Acceptance.Support.Environment;

/// <summary>
/// A pipeline someone else runs: the suite has its URL, database and token key, and whatever else its operator gives:
/// the bundled mocks' addresses, each service's /metrics, shell commands that control its services, read their logs and back it up, and the
/// readings only it can hand out (where its stored files are, its retry settings, its provider keys).
/// </summary>
public sealed class ExternalPipelineEnvironment(ExternalOptions options, PipelineFacts pipeline, string logFolder) : IPipelineEnvironment, IHasServiceMetrics
{
    private readonly CommandServiceLogs _logs = new(options.Control, logFolder);

    public string Target => "external";
    public Uri ApiBaseUrl { get; } = new(options.ApiUrl);
    public string DatabaseConnectionString => options.DatabaseConnectionString;
    public TokenIssuer Tokens { get; } = new(options.JwtSigningKey, options.JwtIssuer, options.JwtAudience);
    public IReadOnlyDictionary<string, string> LogFiles => _logs.Files;
    public TimeSpan StartupTime => TimeSpan.Zero;
    public MockEndpoints? Mocks { get; } = options.MockOpenAiUrl.Length > 0
        ? new MockEndpoints(new Uri(options.MockOpenAiUrl), new Uri(options.MockLlamaParseUrl))
        : null;
    public IServiceController Control { get; } = options.Control.Services.Count > 0
        ? new CommandServiceController(options.Control)
        : new NoServiceControl("the external target's settings give no control commands (Acceptance:External:Control)");
    /// <summary>What its control commands cover, provider faults with the mocks' addresses, operator monitoring with enough /metrics URLs, backup drills with its backup commands.</summary>
    public IReadOnlySet<string> Capabilities => Control.Capabilities
        .Concat(Mocks is null ? [] : [TargetCapabilities.ProviderFaults])
        .Concat(ServiceMetrics.TooFewForTheAlertRulesBecause is null ? [TargetCapabilities.OperatorMonitoring] : [])
        .Concat(Backup.Capabilities)
        .ToHashSet();

    /// <summary>The team's own backup and restore commands (Acceptance:External:Control:Backup), for the backup drills.</summary>
    public CommandBackupProcedure Backup { get; } = new(options.Control.Backup, options.StorageRoot.Length > 0 ? options.StorageRoot : null,
        TimeSpan.FromSeconds(options.Control.CommandTimeoutSeconds));

    private ConfiguredMetricsEndpoints? _metrics;
    public IServiceMetricsEndpoints ServiceMetrics => _metrics ??= new ConfiguredMetricsEndpoints(options.MetricsUrls, Control.Workers);

    public string? StorageRoot { get; } = options.StorageRoot.Length > 0 ? options.StorageRoot : null;
    public RetrySettings? Retry { get; } = (options.RetryWindowSeconds, options.BackoffMaxMs) is (int window, int backoff)
        ? new RetrySettings(TimeSpan.FromSeconds(window), TimeSpan.FromMilliseconds(backoff))
        : null;
    public IReadOnlyList<string> ProviderKeyValues { get; } = options.ProviderKeys.Values.Where(key => key.Length > 0).Distinct().ToList();
    /// <summary>The bundled mock OpenAI the workers embed with, with the key they were given (ProviderKeys:OpenAi); else unknown.</summary>
    public EmbeddingsService? Embeddings =>
        Mocks is { } mocks && options.ProviderKeys.FirstOrDefault(k => k.Key.Equals("OpenAi", StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } key
            ? new EmbeddingsService(mocks.OpenAi, key, pipeline.EmbeddingModel, pipeline.EmbeddingDimensions)
            : null;
    /// <summary>The provider keys the operator named: no log may contain them.</summary>
    public IReadOnlyCollection<string> Secrets => ProviderKeyValues;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
