namespace Acceptance.Support.Resources;

/// <summary>
/// Where each service of a target serves its Prometheus <c>/metrics</c>, for targets whose processes
/// are not the suite's children. Resolved again when asked, since containers come and go.
/// </summary>
public interface IServiceMetricsEndpoints
{
    /// <summary>Why no endpoint can be named (e.g. none configured), or null.</summary>
    string? MissingBecause { get; }

    /// <summary>
    /// Why the suite's Prometheus cannot watch the target with the repository's alert rules through these endpoints
    /// (<see cref="Monitoring.ScrapeTargets.TooFewForTheRulesBecause"/>), or null when it can: the target then declares operator-monitoring.
    /// </summary>
    string? TooFewForTheAlertRulesBecause { get; }

    /// <summary>Each service's <c>/metrics</c> URL, by the name the suite gives the service.</summary>
    Task<IReadOnlyDictionary<string, Uri>> ResolveAsync(CancellationToken ct);
}

/// <summary>A target that can name its services' /metrics endpoints.</summary>
public interface IHasServiceMetrics
{
    IServiceMetricsEndpoints ServiceMetrics { get; }
}
