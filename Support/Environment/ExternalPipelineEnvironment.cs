using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using Acceptance.Support.Resources;

namespace Acceptance.Support.Environment;

/// <summary>A pipeline someone else runs: the suite only has its URL, database and token key.</summary>
public sealed class ExternalPipelineEnvironment(ExternalOptions options) : IPipelineEnvironment, IHasServiceMetrics
{
    public string Target => "external";
    public Uri ApiBaseUrl { get; } = new(options.ApiUrl);
    public string DatabaseConnectionString => options.DatabaseConnectionString;
    public TokenIssuer Tokens { get; } = new(options.JwtSigningKey, options.JwtIssuer, options.JwtAudience);
    public IReadOnlyDictionary<string, string> LogFiles { get; } = new Dictionary<string, string>();
    public TimeSpan StartupTime => TimeSpan.Zero;
    public MockEndpoints? Mocks => null;
    public IServiceController Control { get; } = new NoServiceControl("the external target gives the suite no control over its processes");

    public IServiceMetricsEndpoints ServiceMetrics { get; } = new ConfiguredMetricsEndpoints(options.MetricsUrls);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
