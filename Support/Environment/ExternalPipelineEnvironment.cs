using Acceptance.Support.Configuration;

namespace Acceptance.Support.Environment;

/// <summary>A pipeline someone else runs: the suite only has its URL, database and token key.</summary>
public sealed class ExternalPipelineEnvironment(ExternalOptions options) : IPipelineEnvironment
{
    public string Target => "external";
    public Uri ApiBaseUrl { get; } = new(options.ApiUrl);
    public string DatabaseConnectionString => options.DatabaseConnectionString;
    public TokenIssuer Tokens { get; } = new(options.JwtSigningKey, options.JwtIssuer, options.JwtAudience);
    public IReadOnlyDictionary<string, string> LogFiles { get; } = new Dictionary<string, string>();
    public TimeSpan StartupTime => TimeSpan.Zero;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
