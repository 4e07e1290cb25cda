using Acceptance.Support.Drivers;
using Acceptance.Support.Load;

namespace Acceptance.Support.Resources;

/// <summary>
/// Per service: peak resident memory, its growth after warm-up (least-squares slope, so one GC
/// spike is not a trend), peak threads and open files, mean CPU; for the database: peak connections
/// and lock waits, deadlocks during the load.
/// </summary>
public sealed record ResourceProfile(
    IReadOnlyDictionary<string, ServiceResources> Services,
    int PeakConnections,
    int MaxConnections,
    int PeakLockWaits,
    long Deadlocks,
    int Samples)
{
    /// <summary>Services whose memory the issue bounds: the api-server and every base-worker.</summary>
    public static bool IsBounded(string service) => service == "api-server" || service.StartsWith("base-worker", StringComparison.Ordinal);

    public static ResourceProfile Of(IReadOnlyList<LoadSample> samples, DatabaseSample before, TimeSpan warmup)
    {
        var services = samples.SelectMany(s => s.Services.Keys).Distinct().Order().ToDictionary(name => name, name =>
        {
            var readings = samples.Where(s => s.Services.ContainsKey(name)).Select(s => (s.At, Reading: s.Services[name])).ToList();
            var afterWarmup = readings.Where(r => r.At >= warmup).Select(r => (r.At.TotalMinutes, r.Reading.ResidentMiB)).ToList();
            var span = readings.Count > 1 ? (readings[^1].At - readings[0].At).TotalSeconds : 0;
            var cpu = span > 0 ? (readings[^1].Reading.CpuSeconds - readings[0].Reading.CpuSeconds) / span * 100 : 0;
            return new ServiceResources(
                PeakResidentMiB: Percentiles.Round(readings.Max(r => r.Reading.ResidentMiB)),
                GrowthMiBPerMinute: Percentiles.Round(Percentiles.Slope(afterWarmup)),
                PeakThreads: readings.Max(r => r.Reading.Threads),
                PeakOpenFiles: readings.Max(r => r.Reading.OpenFiles),
                MeanCpuPercent: Math.Round(cpu, 1),
                Series: readings.Select(r => new MemoryPoint(Math.Round(r.At.TotalSeconds, 2), Math.Round(r.Reading.ResidentMiB, 1))).ToList());
        });
        return new ResourceProfile(
            services,
            samples.Count == 0 ? 0 : samples.Max(s => s.Database.Connections),
            before.MaxConnections,
            samples.Count == 0 ? 0 : samples.Max(s => s.Database.LockWaits),
            samples.Count == 0 ? 0 : samples[^1].Database.Deadlocks - before.Deadlocks,
            samples.Count);
    }

    public object AsEvidence() => new
    {
        samples = Samples,
        database = new { peakConnections = PeakConnections, maxConnections = MaxConnections, peakLockWaits = PeakLockWaits, deadlocks = Deadlocks },
        services = Services.ToDictionary(s => s.Key, s => new
        {
            s.Value.PeakResidentMiB, s.Value.GrowthMiBPerMinute, s.Value.PeakThreads, s.Value.PeakOpenFiles, s.Value.MeanCpuPercent,
        }),
        baselines = Services.Where(s => IsBounded(s.Key)).Select(s => new
        {
            name = $"peak resident memory: {s.Key}", value = s.Value.PeakResidentMiB, unit = "MiB", better = "lower",
            // Blocking: a quarter more memory than the previous run fails the gate.
            regressionPercent = 25.0, blocking = true,
        }),
        memoryOverTime = Services.ToDictionary(s => s.Key, s => s.Value.Series),
    };
}

public sealed record ServiceResources(
    double PeakResidentMiB, double GrowthMiBPerMinute, int PeakThreads, int PeakOpenFiles, double MeanCpuPercent, IReadOnlyList<MemoryPoint> Series);

public sealed record MemoryPoint(double Seconds, double ResidentMiB);
