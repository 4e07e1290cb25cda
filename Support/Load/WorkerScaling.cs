using Acceptance.Support.Analysis;

namespace Acceptance.Support.Load;

/// <summary>
/// One backlog worked off by a given number of workers. Throughput is counted once every worker has
/// finished its first document: from the n-th document finished to the last, documents per minute.
/// Counted from the first upload instead (also reported), a short run of many workers is charged the
/// same fixed start as a long run of one (freshly started processes compiling their code, the parser
/// reading the whole backlog at once, the first wave waiting on it), which understates scaling.
/// The median time per stage tells whether the time went to the providers (embedding) or to the
/// pipeline's own work and queueing.
/// </summary>
public sealed record ScalingPhase(int Workers, int Documents, int Embedded, double Seconds, double ThroughputPerMinute,
    double ThroughputFromFirstUploadPerMinute, double CpuSecondsPerDocument, IReadOnlyDictionary<string, double> MedianSecondsPerStage,
    string? NotDrainedBecause)
{
    public static ScalingPhase Of(int workers, LoadResult result)
    {
        var documents = result.Documents;
        var start = result.Arrivals.Min(a => a.At);
        var end = documents.Count == 0 ? start : documents.Max(d => d.Timeline.Ended ?? d.Arrival.At);
        var seconds = (end - start).TotalSeconds;
        var finished = documents.Select(d => d.Timeline.Ended).OfType<DateTimeOffset>().Order().ToList();
        var afterFirstWave = finished.Count > workers ? (finished[^1] - finished[workers - 1]).TotalSeconds : 0;
        var perStage = StageTimeline.NineStages.SkipLast(1).ToDictionary(stage => stage, stage => Math.Round(Percentiles.Summarise(
            documents.SelectMany(d => d.Timeline.Durations.Where(s => s.Stage == stage).Select(s => s.Duration.TotalSeconds)).ToList()).P50, 3));
        return new ScalingPhase(workers, result.Arrivals.Count, result.Jobs.Count(j => j.Embedded), Math.Round(seconds, 3),
            afterFirstWave > 0 ? Math.Round((finished.Count - workers) / afterFirstWave * 60, 2) : 0,
            seconds > 0 ? Math.Round(documents.Count / seconds * 60, 2) : 0, CpuPerDocument(result), perStage, result.NotDrainedBecause);
    }

    /// <summary>CPU time all services spent during the load, per document: what the pipeline asks of the machine's cores.</summary>
    private static double CpuPerDocument(LoadResult result)
    {
        if (result.Samples.Count < 2 || result.Arrivals.Count == 0) return 0;
        var (first, last) = (result.Samples[0].Services, result.Samples[^1].Services);
        var cpu = last.Where(s => first.ContainsKey(s.Key)).Sum(s => s.Value.CpuSeconds - first[s.Key].CpuSeconds);
        return Math.Round(cpu / result.Arrivals.Count, 3);
    }
}

/// <summary>Throughput with few and with many workers, and the scaling efficiency: throughput(n) / (n × throughput(1 worker)).</summary>
public sealed class WorkerScaling
{
    private readonly List<ScalingPhase> _phases = [];

    public IReadOnlyList<ScalingPhase> Phases => _phases;

    public void Add(ScalingPhase phase) => _phases.Add(phase);

    public ScalingPhase With(int workers) =>
        _phases.SingleOrDefault(p => p.Workers == workers) ?? throw new InvalidOperationException($"No backlog was worked off by {workers} worker(s) in this scenario.");

    /// <summary>How much of the ideal (linear) gain <paramref name="many"/> workers reach over <paramref name="few"/>.</summary>
    public double Efficiency(int many, int few) =>
        With(few).ThroughputPerMinute == 0 ? 0 : With(many).ThroughputPerMinute * few / (many * With(few).ThroughputPerMinute);

    public object AsEvidence() => new
    {
        phases = _phases,
        efficiency = _phases.Skip(1).Select(p => new
        {
            workers = p.Workers, vsWorkers = _phases[0].Workers, value = Math.Round(Efficiency(p.Workers, _phases[0].Workers), 3),
            fromFirstUpload = _phases[0].ThroughputFromFirstUploadPerMinute == 0 ? 0 : Math.Round(
                p.ThroughputFromFirstUploadPerMinute * _phases[0].Workers / (p.Workers * _phases[0].ThroughputFromFirstUploadPerMinute), 3),
        }),
        baselines = _phases.Select(p => new { name = $"scaling: throughput with {p.Workers} worker(s)", value = p.ThroughputPerMinute, unit = "documents/min", better = "higher" }),
    };
}
