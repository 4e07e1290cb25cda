using Prometheus;
using Pipeline.Contract;

namespace Pipeline.Core.Metrics;

/// <summary>
/// The managed objects alive after the process's most recent full collection (generation 2, blocking or
/// background), refreshed on every scrape. The runtime collects generation 2 on its own as the heap fills,
/// so nothing is collected for the sake of the gauge. After a full collection only what is still
/// referenced remains, so a cache that keeps something of every document raises this figure and nothing
/// else does for long: resident memory also moves with heap budgets, compiled code and pools.
/// </summary>
public static class LiveHeapGauge
{
    public static void Register(CollectorRegistry registry)
    {
        var gauge = Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge(MetricNames.LiveHeapAfterFullCollection,
            "Bytes of managed objects alive after the most recent full (generation 2) garbage collection; 0 before the first.");
        registry.AddBeforeCollectCallback(() => gauge.Set(LiveBytesAfterLastFullCollection()));
    }

    /// <summary>Heap size less free space (fragmentation) after whichever full collection came last, blocking or background.</summary>
    public static long LiveBytesAfterLastFullCollection()
    {
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var last = blocking.Index >= background.Index ? blocking : background;
        return last.Index == 0 ? 0 : last.HeapSizeBytes - last.FragmentedBytes;
    }
}
