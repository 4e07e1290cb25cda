using Acceptance.Support.Configuration;
using Acceptance.Support.Load;

namespace Acceptance.Support.Resources;

/// <summary>The api-server's and every worker's memory per document of one load (<see cref="MemoryPerDocument"/>), from the monitor's samples.</summary>
public static class LoadLeaks
{
    /// <summary>
    /// Each bounded service is fitted against the documents the whole load embedded: the work is shared,
    /// so a worker that keeps L KiB of each document it handles reads about L / (number of workers). Samples before
    /// the settling time (or the warm-up, if longer) are left out.
    /// </summary>
    public static IReadOnlyList<LeakJudgement> Of(LoadResult load, ResourceLimits limits)
    {
        var settled = TimeSpan.FromSeconds(Math.Max(load.Warmup.TotalSeconds, limits.LeakSettleSeconds));
        return load.Samples.SelectMany(s => s.Services.Keys).Distinct().Where(ResourceProfile.IsBounded).Order()
            .Select(service => Judge(service,
                load.Samples.Where(s => s.At >= settled && s.Services.ContainsKey(service))
                    .Select(s => (s.At, s.Services[service], s.Embedded)).ToList(),
                limits))
            .ToList();
    }

    /// <summary>
    /// Judges one service by its live heap after full collections when at least half its samples carry one
    /// (a scrape may miss under load) and they show a trend to judge, by resident memory otherwise (a service
    /// without the optional series, or whose full collections were too rare), each with its own accepted floor.
    /// </summary>
    public static LeakJudgement Judge(string service, IReadOnlyList<(TimeSpan At, ProcessReading Reading, int Embedded)> samples, ResourceLimits limits)
    {
        var heap = samples.Where(s => s.Reading.LiveHeapMiB is not null).ToList();
        if (samples.Count > 0 && heap.Count * 2 >= samples.Count)
        {
            var byHeap = MemoryPerDocument.Judge(service, MemorySignal.LiveHeap,
                heap.Select(s => new MemoryAtCount(s.At.TotalSeconds, s.Reading.LiveHeapMiB!.Value, s.Embedded)).ToList(),
                limits.LeakWindowSeconds, limits.LiveHeapLeakFloorKiBPerDocument);
            if (byHeap.Verdict != LeakVerdict.Inconclusive) return byHeap;
        }
        return MemoryPerDocument.Judge(service, MemorySignal.Resident,
            samples.Select(s => new MemoryAtCount(s.At.TotalSeconds, s.Reading.ResidentMiB, s.Embedded)).ToList(),
            limits.LeakWindowSeconds, limits.LeakFloorKiBPerDocument);
    }
}
