using Acceptance.Support.Configuration;

namespace Acceptance.Support.Load;

/// <summary>What a load run attaches to its scenario, in the readiness report's baseline convention.</summary>
public static class LoadEvidence
{
    public static object Windows(LoadResult result, LatencyWindows windows, LoadOptions settings) => Windows(result, windows, settings,
        LoadRates.Of(result.Arrivals.Count, settings.Warmup + settings.Duration, windows.ThroughputPerMinute, settings));

    private static object Windows(LoadResult result, LatencyWindows windows, LoadOptions settings, LoadRates rates) => new
    {
        rates = new { offeredPerMinute = rates.OfferedPerMinute, achievedPerMinute = rates.AchievedPerMinute, warning = rates.Warning },
        profile = new
        {
            settings.Profile, settings.ArrivalsPerSecond, warmupSeconds = settings.WarmupSeconds, durationSeconds = settings.Duration.TotalSeconds, settings.WindowSeconds,
            arrivals = result.Arrivals.Count,
            documents = result.Arrivals.GroupBy(a => a.Document.FileName).ToDictionary(g => g.Key, g => g.Count()),
        },
        throughputPerMinute = windows.ThroughputPerMinute,
        drainSeconds = windows.DrainSeconds,
        windows = windows.Windows,
        baselines = new object[]
        {
            // Blocking: a p95 more than twice the previous run's fails the gate (p95s under a second are noisy on shared machines).
            new { name = "sustained load: end to end p95, last window", value = windows.Last.EndToEnd.P95, unit = "s", better = "lower",
                regressionPercent = 100.0, blocking = true },
            new { name = "sustained load: end to end p50, all documents", value = Percentiles.Round(Percentiles.Of(
                result.Measured.Select(d => d.Timeline.Total.TotalSeconds).ToList(), 50)), unit = "s", better = "lower" },
            new { name = "sustained load: throughput", value = windows.ThroughputPerMinute, unit = "documents/min", better = "higher" },
        },
    };

    public static object Backlog(LoadResult result) => new
    {
        arrivalsEndedSeconds = Math.Round(result.ArrivalsEnded.TotalSeconds, 2),
        drainedAfterArrivalsSeconds = result.DrainedAfterArrivals is { } d ? Math.Round(d.TotalSeconds, 2) : (double?)null,
        notDrainedBecause = result.NotDrainedBecause,
        samples = result.Samples.Select(s => new { seconds = Math.Round(s.At.TotalSeconds, 2), total = s.BacklogTotal, perStage = s.Backlog }),
    };
}
