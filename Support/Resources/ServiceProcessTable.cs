using Acceptance.Support.Environment;

namespace Acceptance.Support.Resources;

/// <summary>
/// Every service's resources, read where the suite can see them: on the local target from /proc of
/// the child processes it started; on targets that name their services' /metrics (compose, and
/// external when configured) from the process series each service exports there. The live heap after a
/// full collection, where a service exports it, is always read from its /metrics.
/// </summary>
public sealed class ServiceProcessTable(IPipelineEnvironment environment) : IDisposable
{
    private MetricsEndpointReadings? _scraper;
    private LocalLiveHeaps? _localHeaps;

    public string? CannotSampleBecause => environment switch
    {
        LocalPipelineEnvironment when !OperatingSystem.IsLinux() => "process resources are read from /proc, which only Linux has",
        LocalPipelineEnvironment => null,
        IHasServiceMetrics { ServiceMetrics.MissingBecause: { } reason } => reason,
        IHasServiceMetrics => null,
        _ => $"the {environment.Target} target names no /metrics endpoints of its services",
    };

    /// <summary>One reading per service that could be read now (a process that is gone or does not answer is left out).</summary>
    public async Task<IReadOnlyDictionary<string, ProcessReading>> ReadAsync(CancellationToken ct)
    {
        if (environment is LocalPipelineEnvironment local)
            return await (_localHeaps ??= new LocalLiveHeaps()).AddToAsync(local.ProcessIds
                .Select(p => (Service: p.Key, Reading: ProcessResources.Read(p.Value)))
                .Where(p => p.Reading is not null)
                .ToDictionary(p => p.Service, p => p.Reading!), local.MetricsUrls, ct);
        if (environment is IHasServiceMetrics { ServiceMetrics: var endpoints })
            return await (_scraper ??= new MetricsEndpointReadings(endpoints)).ReadAsync(ct);
        return new Dictionary<string, ProcessReading>();
    }

    public void Dispose()
    {
        _scraper?.Dispose();
        _localHeaps?.Dispose();
    }
}
