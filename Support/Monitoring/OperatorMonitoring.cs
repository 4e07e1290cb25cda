using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Acceptance.Support.Resources;
using Acceptance.Support.Waiting;

namespace Acceptance.Support.Monitoring;

/// <summary>
/// The monitoring stack for the whole test run, started by the first scenario that needs it (so
/// the rest of the suite never pays for it) and stopped with the pipeline.
/// </summary>
public sealed class OperatorMonitoring(IPipelineEnvironment environment, SuiteOptions options, RunFolder runFolder, CpuCanary canary) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private MonitoringStack? _stack;

    /// <summary>Why the suite cannot watch this target with its own Prometheus, or null when it can.</summary>
    public string? UnavailableBecause => environment switch
    {
        LocalPipelineEnvironment => null,
        IHasServiceMetrics { ServiceMetrics: var endpoints } => endpoints.TooFewForTheAlertRulesBecause,
        _ => $"the {environment.Target} target names no /metrics of its services",
    };

    public MonitoringSettings Settings => new(TimeSpan.FromMilliseconds(options.Monitoring.ScrapeIntervalMilliseconds), options.Monitoring.TimeScale);

    public async Task<MonitoringStack> StartedAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_stack is not null) return _stack;
            if (UnavailableBecause is { } reason) throw new InvalidOperationException(reason);
            var targets = await ScrapeTargetsAsync();
            var stack = await MonitoringStack.StartAsync(targets, Settings, runFolder.Logs,
                TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds));
            using var prometheus = new PrometheusDriver(stack);
            var waiter = new Waiter(options, canary);
            var limit = TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds);
            await waiter.UntilAsync("Prometheus scraping every service successfully",
                prometheus.TargetsAsync,
                seen => seen.Count == targets.Count && seen.All(t => t.Health == "up"),
                limit,
                seen => string.Join(", ", seen.Select(t => $"{t.Job} {t.Instance} {t.Health} {t.LastError}")));
            await stack.EnableAlertRulesAsync();
            await waiter.UntilAsync("Prometheus evaluating the repository's alert rules",
                prometheus.LastRuleEvaluationAsync, last => last is not null, limit, _ => "no rule group evaluated yet");
            return _stack = stack;
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>Every service the target names a /metrics for, as it is now (a compose target's containers are looked up).</summary>
    private async Task<IReadOnlyList<ScrapeTarget>> ScrapeTargetsAsync() => environment switch
    {
        LocalPipelineEnvironment local => local.MetricsTargets,
        IHasServiceMetrics { ServiceMetrics: var endpoints } => ScrapeTargets.From(await endpoints.ResolveAsync(CancellationToken.None)),
        _ => throw new InvalidOperationException(UnavailableBecause),
    };

    public async ValueTask DisposeAsync()
    {
        StopSignalCleanup.Forget(this);
        if (_stack is not null) await _stack.DisposeAsync();
        _starting.Dispose();
    }
}
