using System.Globalization;
using Pipeline.Contract;

namespace Acceptance.Support.Resources;

/// <summary>
/// A service's process resources read from its Prometheus text exposition (<c>GET /metrics</c>).
/// The series are those prometheus-net 8's <c>DotNetStats</c> exports (source:
/// github.com/prometheus-net/prometheus-net, Prometheus/DotNetStats.cs), each set from
/// <see cref="System.Diagnostics.Process"/> before every scrape: <c>process_working_set_bytes</c>
/// (WorkingSet64, which .NET reads from VmRSS on Linux), <c>process_num_threads</c>,
/// <c>process_open_handles</c> (HandleCount: the entries of /proc/&lt;pid&gt;/fd on Linux) and
/// <c>process_cpu_seconds_total</c> (user + system). Services instrumented by other clients export the
/// names of Prometheus's own process collector (prometheus.io/docs/instrumenting/writing_clientlibs,
/// "Process metrics"): <c>process_resident_memory_bytes</c> and <c>process_open_fds</c>; either is read.
/// The live heap after a full collection (<see cref="MetricNames.LiveHeapAfterFullCollection"/>) is optional.
/// </summary>
public static class ProcessMetricsText
{
    private static readonly string[] Resident = ["process_resident_memory_bytes", "process_working_set_bytes"];
    private static readonly string[] OpenFiles = ["process_open_fds", "process_open_handles"];
    private static readonly string[] Threads = ["process_num_threads"];
    private static readonly string[] Cpu = ["process_cpu_seconds_total"];

    /// <summary>The reading, or a <see cref="FormatException"/> naming the series the text lacks.</summary>
    public static ProcessReading Parse(string exposition)
    {
        var samples = Samples(exposition);
        var missing = new[] { Resident, OpenFiles, Threads, Cpu }
            .Where(names => !names.Any(samples.ContainsKey))
            .Select(names => string.Join(" or ", names))
            .ToList();
        if (missing.Count > 0)
            throw new FormatException($"the metrics lack {string.Join(", ", missing)}");
        return new ProcessReading(
            ResidentMiB: First(samples, Resident) / (1024.0 * 1024.0),
            Threads: (int)First(samples, Threads),
            OpenFiles: (int)First(samples, OpenFiles),
            CpuSeconds: First(samples, Cpu),
            LiveHeapMiB: LiveHeapMiB(samples));
    }

    /// <summary>The live heap after the last full collection, or null when the text lacks it or no full collection has run yet (0).</summary>
    public static double? LiveHeapMiB(string exposition) => LiveHeapMiB(Samples(exposition));

    private static double? LiveHeapMiB(Dictionary<string, double> samples) =>
        samples.TryGetValue(MetricNames.LiveHeapAfterFullCollection, out var bytes) && bytes > 0 ? bytes / (1024.0 * 1024.0) : null;

    private static double First(Dictionary<string, double> samples, string[] names) => samples[names.First(samples.ContainsKey)];

    /// <summary>
    /// Unlabelled samples by metric name (process series carry no labels). A line is
    /// <c>name[{labels}] value [timestamp]</c>; comments (# HELP, # TYPE) and labelled series are passed over.
    /// </summary>
    private static Dictionary<string, double> Samples(string exposition)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in exposition.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line.Contains('{', StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                samples.TryAdd(fields[0], value);
        }
        return samples;
    }
}
