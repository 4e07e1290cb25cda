using Acceptance.Support.Load;

namespace Acceptance.Support.Resources;

/// <summary>
/// Whether a service's resident memory keeps growing after warm-up: the least-squares slope of its
/// samples (so one GC spike is not a trend), judged against a bound that a leak exceeds. Settling
/// heaps grow too, but less the longer the service runs; a leak grows with every document processed.
/// </summary>
public sealed record MemoryGrowth(
    string Service, int Samples, double FromSeconds, double ToSeconds, double FirstMiB, double LastMiB, double SlopeMiBPerMinute,
    double LimitMiBPerMinute)
{
    public bool KeepsGrowing => SlopeMiBPerMinute > LimitMiBPerMinute;

    public override string ToString() => $"{Service} {SlopeMiBPerMinute:0.#} MiB/min over {Samples} samples ({FirstMiB:0} → {LastMiB:0} MiB)";

    /// <summary>The api-server's and every worker's growth after <paramref name="warmup"/>.</summary>
    public static IReadOnlyList<MemoryGrowth> Of(ResourceProfile profile, TimeSpan warmup, double limitMiBPerMinute) =>
        profile.Services.Where(s => ResourceProfile.IsBounded(s.Key)).Select(s =>
        {
            var after = s.Value.Series.Where(p => p.Seconds >= warmup.TotalSeconds).ToList();
            var slope = Percentiles.Slope(after.Select(p => (p.Seconds / 60, p.ResidentMiB)).ToList());
            return new MemoryGrowth(s.Key, after.Count, after.FirstOrDefault()?.Seconds ?? 0, after.LastOrDefault()?.Seconds ?? 0,
                after.FirstOrDefault()?.ResidentMiB ?? 0, after.LastOrDefault()?.ResidentMiB ?? 0, Math.Round(slope, 2), limitMiBPerMinute);
        }).ToList();
}
