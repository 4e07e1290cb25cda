using Acceptance.Support.Analysis;

namespace Acceptance.Support.Load;

/// <summary>
/// End-to-end and per-stage latency percentiles per window of arrivals, and throughput per window
/// of completions, computed from the audit trail's stage transitions.
/// </summary>
public sealed class LatencyWindows
{
    private LatencyWindows(IReadOnlyList<Window> windows, double throughputPerMinute, double drainSeconds)
    {
        Windows = windows;
        ThroughputPerMinute = throughputPerMinute;
        DrainSeconds = drainSeconds;
    }

    public IReadOnlyList<Window> Windows { get; }
    /// <summary>Documents embedded per minute, from the first arrival to the last completion.</summary>
    public double ThroughputPerMinute { get; }
    /// <summary>From the last arrival to the last document finished.</summary>
    public double DrainSeconds { get; }

    public Window First => Windows[0];
    public Window Last => Windows[^1];

    public static LatencyWindows Of(IReadOnlyList<(Arrival Arrival, StageTimeline Timeline)> documents, TimeSpan window)
    {
        var start = documents.Min(d => d.Arrival.At);
        var windows = documents
            .GroupBy(d => (int)((d.Arrival.At - start) / window))
            .OrderBy(g => g.Key)
            .Select(g => new Window(
                Index: g.Key,
                FromSeconds: g.Key * window.TotalSeconds,
                EndToEnd: Percentiles.Summarise(g.Select(d => d.Timeline.Total.TotalSeconds).ToList()),
                Stages: StageTimeline.NineStages.SkipLast(1).ToDictionary(stage => stage, stage => Percentiles.Summarise(
                    g.SelectMany(d => d.Timeline.Durations.Where(s => s.Stage == stage).Select(s => s.Duration.TotalSeconds)).ToList())),
                Completed: documents.Count(d => d.Timeline.Ended is { } ended && (int)((ended - start) / window) == g.Key)))
            .ToList();
        var lastEnded = documents.Max(d => d.Timeline.Ended ?? d.Arrival.At);
        var lastArrival = documents.Max(d => d.Arrival.At);
        var minutes = (lastEnded - start).TotalMinutes;
        return new LatencyWindows(windows, minutes > 0 ? Math.Round(documents.Count / minutes, 2) : 0,
            Math.Round(Math.Max(0, (lastEnded - lastArrival).TotalSeconds), 3));
    }
}

/// <summary>One window of arrivals: their end-to-end and per-stage percentiles (seconds), and how many documents finished in it.</summary>
public sealed record Window(int Index, double FromSeconds, Summary EndToEnd, IReadOnlyDictionary<string, Summary> Stages, int Completed);
