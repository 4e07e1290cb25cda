using Acceptance.Support.Configuration;
using Acceptance.Support.Monitoring;

namespace Acceptance.Support.Resources;

/// <summary>
/// /metrics URLs a target's operator names in the suite's settings (Acceptance:External:MetricsUrls), by service;
/// <paramref name="workersRunning"/> are the workers the target is known to run (those its control commands name).
/// </summary>
public sealed class ConfiguredMetricsEndpoints(IReadOnlyDictionary<string, string> urls, IReadOnlyList<string> workersRunning) : IServiceMetricsEndpoints
{
    public string? MissingBecause => urls.Count == 0
        ? "the external target's settings name no service /metrics URLs (Acceptance:External:MetricsUrls)"
        : null;

    public string? TooFewForTheAlertRulesBecause => MissingBecause ?? ScrapeTargets.TooFewForTheRulesBecause(
        urls.ContainsKey(ServiceNames.Api), urls.Keys.Where(ServiceNames.IsWorker).ToList(), workersRunning);

    public Task<IReadOnlyDictionary<string, Uri>> ResolveAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, Uri>>(urls.ToDictionary(u => u.Key, u => new Uri(u.Value)));
}
