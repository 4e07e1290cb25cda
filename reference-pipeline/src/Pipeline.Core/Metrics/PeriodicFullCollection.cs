using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Pipeline.Core.Metrics;

/// <summary>
/// A full, compacting collection every <c>Metrics:FullCollectionSeconds</c> (off unless set), so that the live
/// heap (<see cref="LiveHeapGauge"/>) is fresh for a soak. The runtime's own full collections are too rare
/// for one: a healthy service's heap is small against its budgets, and in a soak of minutes it may collect
/// generation 2 once or never. A blocking collection of a heap of tens of MiB pauses the service for
/// milliseconds, a small price every few seconds, which is why a soak may ask for it on any deployment.
/// </summary>
public sealed class PeriodicFullCollection(IConfiguration configuration) : BackgroundService
{
    public const string Setting = "Metrics:FullCollectionSeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue<double>(Setting);
        if (seconds < 0) throw new InvalidOperationException($"{Setting} must be 0 (off) or a positive number of seconds, not {seconds}.");
        if (seconds == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
