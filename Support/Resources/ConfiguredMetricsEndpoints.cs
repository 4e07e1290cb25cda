namespace Acceptance.Support.Resources;

/// <summary>/metrics URLs a target's operator names in the suite's settings (Acceptance:External:MetricsUrls).</summary>
public sealed class ConfiguredMetricsEndpoints(IReadOnlyDictionary<string, string> urls) : IServiceMetricsEndpoints
{
    public string? MissingBecause => urls.Count == 0
        ? "the external target's settings name no service /metrics URLs (Acceptance:External:MetricsUrls)"
        : null;

    public Task<IReadOnlyDictionary<string, Uri>> ResolveAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, Uri>>(urls.ToDictionary(u => u.Key, u => new Uri(u.Value)));
}
