using System.Text.Json;

namespace Acceptance.Gate.Running;

/// <summary>
/// What the suite's environment hook wrote about starting the target (environment.json in the run
/// folder): ready, failed to start, or refused its configuration; how starved the machine was, and by how
/// much the local target's compressed times were stretched for it (1: not at all).
/// </summary>
public sealed record EnvironmentStatus(
    string Status, string? Target, double? StartupSeconds, string? Error, CpuSlowdown? CpuCanary = null, double? LocalTimesStretchedBy = null)
{
    public const string FileName = "environment.json";

    public bool Ready => Status == "ready";
    public bool BadConfiguration => Status == "bad-configuration";

    public static EnvironmentStatus? Read(string runFolder)
    {
        var path = Path.Combine(runFolder, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<EnvironmentStatus>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            : null;
    }
}

/// <summary>
/// The suite's CPU canary (Support/Environment/CpuCanary): wall time over CPU time of a small fixed
/// workload, at the environment's start and sampled through the run. 1.0 means the machine never starved it.
/// </summary>
public sealed record CpuSlowdown(double? AtStart, double? Median, double? Worst, int Samples)
{
    public override string ToString() =>
        $"{Figure(AtStart)} at start, median {Figure(Median)}, worst {Figure(Worst)} over {Samples} sample(s) (1.0× = not starved)";

    private static string Figure(double? slowdown) => slowdown is { } s ? $"{s:0.0}×" : "unknown";
}
