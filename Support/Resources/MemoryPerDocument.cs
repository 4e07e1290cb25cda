using System.Text.Json.Serialization;

namespace Acceptance.Support.Resources;

/// <summary>
/// Whether a service's memory grows with the documents the pipeline processes, and the smallest such
/// growth the run could have seen. A slow leak (a cache that keeps kilobytes of every document) hides
/// under a heap's settling in a short run; over a soak it shows as memory that rises with the count of
/// documents, not with time.
/// <para>Method. The samples after warm-up are cut into windows; each window's floor is its lowest
/// memory (<see cref="MemorySignal"/>: the live heap after a full collection where the service exports
/// it, resident memory otherwise, whose lowest point is the moment after a collection) together with
/// the documents embedded by then. A least-squares line through the floors
/// gives the slope: memory kept per document. The floors' scatter about that line is the run's noise;
/// the standard error of the slope is that scatter over the spread of document counts
/// (s / √Σ(x − x̄)²), and the detection limit is <see cref="StandardErrors"/> of them: a slope below it is
/// indistinguishable from noise in this run. Longer runs (more documents, more windows) lower the limit.
/// A leak is judged when the slope exceeds both the detection limit and a configured floor (growth
/// small enough to accept, such as caches bounded by design still filling).</para>
/// <para>Floors are not independent (a heap that settles drifts), so the limit is a yardstick for the
/// run, not an exact false-alarm rate.</para>
/// </summary>
public static class MemoryPerDocument
{
    /// <summary>Standard errors of the slope a leak must exceed: about 1 in 1000 by chance for independent, normal floors.</summary>
    public const double StandardErrors = 3;

    /// <summary>Fewer floors than this say nothing about a trend (the gate's 20 s has two or three).</summary>
    public const int MinimumWindows = 8;

    /// <summary>
    /// Floors that take fewer values than this say nothing either: a live heap read after full collections
    /// stays put between them, so a run with one or two collections would fit a flat line with no noise.
    /// </summary>
    public const int MinimumDistinctFloors = 3;

    /// <summary>
    /// Judges one service. <paramref name="points"/>: its samples after warm-up in time order (seconds
    /// since the load began, MiB of <paramref name="signal"/>, documents embedded by then).
    /// </summary>
    public static LeakJudgement Judge(string service, MemorySignal signal, IReadOnlyList<MemoryAtCount> points, double windowSeconds, double floorKiBPerDocument)
    {
        if (windowSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, "a window must last longer than 0 s");
        if (floorKiBPerDocument < 0) throw new ArgumentOutOfRangeException(nameof(floorKiBPerDocument), floorKiBPerDocument, "the floor must not be negative");
        var floors = Floors(points, windowSeconds);
        var documents = points.Count == 0 ? 0 : points[^1].Documents - points[0].Documents;
        if (floors.Count < MinimumWindows)
            return LeakJudgement.Inconclusive(service, signal, floors.Count, documents, floorKiBPerDocument,
                $"{floors.Count} windows of {windowSeconds:0.#} s; a trend needs {MinimumWindows} (run a soak: scripts/gate.sh --soak 30m)", floors);
        var values = floors.Select(f => f.MiB).Distinct().Count();
        if (values < MinimumDistinctFloors)
            return LeakJudgement.Inconclusive(service, signal, floors.Count, documents, floorKiBPerDocument,
                $"the {floors.Count} floors take {values} value(s); a trend needs {MinimumDistinctFloors} (too few collections in the run)", floors);
        var fit = LineFit.Through(floors.Select(f => ((double)f.Documents, f.MiB)).ToList());
        if (fit is null)
            return LeakJudgement.Inconclusive(service, signal, floors.Count, documents, floorKiBPerDocument,
                "no documents were embedded during the measured period", floors);
        var slope = fit.Value.Slope * 1024;
        var limit = StandardErrors * fit.Value.SlopeStandardError * 1024;
        var verdict = slope > limit && slope > floorKiBPerDocument ? LeakVerdict.Leak : LeakVerdict.NoLeak;
        return new LeakJudgement(service, signal, verdict, floors.Count, documents, Math.Round(slope, 2), Math.Round(limit, 2),
            floorKiBPerDocument, Math.Round(fit.Value.ResidualMiB, 2), null, floors);
    }

    /// <summary>Each window's lowest sample; a window starts at the first sample after warm-up.</summary>
    public static IReadOnlyList<MemoryAtCount> Floors(IReadOnlyList<MemoryAtCount> points, double windowSeconds)
    {
        if (points.Count == 0) return [];
        var start = points[0].Seconds;
        return points.GroupBy(p => (int)Math.Floor((p.Seconds - start) / windowSeconds))
            .OrderBy(w => w.Key)
            .Select(w => w.MinBy(p => p.MiB)!)
            .ToList();
    }
}

/// <summary>One sample of a service: when (seconds since the load began), its memory, and the documents embedded by then.</summary>
public sealed record MemoryAtCount(double Seconds, double MiB, int Documents);

[JsonConverter(typeof(JsonStringEnumConverter<LeakVerdict>))]
public enum LeakVerdict { NoLeak, Leak, Inconclusive }

/// <summary>
/// The memory a service is judged by. <see cref="LiveHeap"/>: managed objects alive after its last full
/// collection (optional in the contract), which stays flat unless something is kept; <see cref="Resident"/>:
/// resident memory, which every service exports but which drifts with heap budgets, compiled code and pools,
/// so its detection limit is wider.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemorySignal>))]
public enum MemorySignal { LiveHeap, Resident }

/// <summary>The verdict on one service, with the figures that make it (per document, in KiB) and the floors fitted.</summary>
public sealed record LeakJudgement(
    string Service, MemorySignal Signal, LeakVerdict Verdict, int Windows, int DocumentsProcessed, double SlopeKiBPerDocument,
    double DetectionLimitKiBPerDocument, double FloorKiBPerDocument, double ResidualMiB, string? InconclusiveBecause,
    IReadOnlyList<MemoryAtCount> Floors)
{
    public bool Leaks => Verdict == LeakVerdict.Leak;

    public static LeakJudgement Inconclusive(string service, MemorySignal signal, int windows, int documents, double floor, string because, IReadOnlyList<MemoryAtCount> floors) =>
        new(service, signal, LeakVerdict.Inconclusive, windows, documents, 0, 0, floor, 0, because, floors);

    public override string ToString() => Verdict == LeakVerdict.Inconclusive
        ? $"{Service} ({Signal}): inconclusive, {InconclusiveBecause}"
        : $"{Service} ({Signal}): {(Leaks ? "LEAK" : "no leak")}, {SlopeKiBPerDocument:0.##} KiB per document over {DocumentsProcessed} documents " +
          $"(detection limit {DetectionLimitKiBPerDocument:0.##} KiB, floor {FloorKiBPerDocument:0.##} KiB, {Windows} windows)";
}

/// <summary>A least-squares line y = a + b·x, with the residuals' standard deviation and the slope's standard error.</summary>
public readonly record struct LineFit(double Intercept, double Slope, double ResidualMiB, double SlopeStandardError)
{
    /// <summary>Null when x does not vary (no slope) or there are fewer than three points (no residual freedom).</summary>
    public static LineFit? Through(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 3) return null;
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (spread == 0) return null;
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
        var intercept = meanY - slope * meanX;
        var squares = points.Sum(p => Math.Pow(p.Y - (intercept + slope * p.X), 2));
        var residual = Math.Sqrt(squares / (points.Count - 2));
        return new LineFit(intercept, slope, residual, residual / Math.Sqrt(spread));
    }
}
