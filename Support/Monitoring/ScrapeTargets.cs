using Acceptance.Support.Configuration;

namespace Acceptance.Support.Monitoring;

/// <summary>One service Prometheus scrapes: the job the alert rules know it by (api-server, base-worker, ...), its name, and its /metrics URL.</summary>
public sealed record ScrapeTarget(string Job, string Service, Uri Url);

/// <summary>
/// Where the suite's Prometheus scrapes, derived from the /metrics URLs a target names for its services, and
/// whether those are enough for the repository's alert rules (monitoring/alerts.yml), which read two jobs:
/// <c>up{job="api-server"}</c> and the api-server's series, and <c>up{job="base-worker"}</c> and every
/// worker's provider and stage series. A worker left unscraped hides its provider failures and its death, so
/// the rules need the api-server and every worker; the provider fakes are scraped when they are named.
/// </summary>
public static class ScrapeTargets
{
    /// <summary>The jobs the alert rules read (their <c>up{job=...}</c> selectors): always scraped where operator-monitoring is declared.</summary>
    public static readonly IReadOnlySet<string> JobsTheRulesRead = new HashSet<string>(StringComparer.Ordinal) { ServiceNames.Api, ServiceNames.Worker };

    /// <summary>The job a service is scraped as: every worker is a base-worker, whatever its suffix; the rest by their name.</summary>
    public static string JobOf(string service) => ServiceNames.IsWorker(service) ? ServiceNames.Worker : service;

    public static IReadOnlyList<ScrapeTarget> From(IReadOnlyDictionary<string, Uri> metricsUrls) =>
        metricsUrls.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new ScrapeTarget(JobOf(m.Key), m.Key, m.Value)).ToList();

    /// <summary>
    /// Why the services whose /metrics are named are too few for the alert rules, or null when they are enough:
    /// the api-server's, at least one worker's, and every worker's the target is known to run.
    /// </summary>
    /// <param name="apiNamed">whether the api-server's /metrics is named</param>
    /// <param name="workersNamed">the workers whose /metrics are named</param>
    /// <param name="workersRunning">every worker the target is known to run (none when it does not say)</param>
    public static string? TooFewForTheRulesBecause(bool apiNamed, IReadOnlyCollection<string> workersNamed, IEnumerable<string> workersRunning)
    {
        var unnamed = new List<string>();
        if (!apiNamed) unnamed.Add(ServiceNames.Api);
        var unnamedWorkers = workersRunning.Except(workersNamed).Order(StringComparer.Ordinal).ToList();
        if (workersNamed.Count == 0 && unnamedWorkers.Count == 0) unnamed.Add("any worker");
        unnamed.AddRange(unnamedWorkers);
        return unnamed.Count == 0
            ? null
            : $"the alert rules read the api-server and every worker, and the target names no /metrics for {string.Join(", ", unnamed)}";
    }
}
