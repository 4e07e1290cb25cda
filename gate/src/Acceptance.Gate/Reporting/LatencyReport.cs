namespace Acceptance.Gate.Reporting;

/// <summary>
/// Adds the suite's latency comparison (latency-comparison.md: the mocks' configured latency profile
/// beside the stage latencies the run measured, real services "not verified" without keys) to
/// readiness.md, next to its chart latency-profile.png.
/// </summary>
public static class LatencyReport
{
    public const string TableFile = "latency-comparison.md";
    public const string ChartFile = "latency-profile.png";

    public static void Append(string runFolder, SecretRedactor redactor)
    {
        var table = Path.Combine(runFolder, TableFile);
        var readiness = Path.Combine(runFolder, ReportSet.ReadinessMarkdown);
        if (!File.Exists(table) || !File.Exists(readiness)) return;
        var chart = File.Exists(Path.Combine(runFolder, ChartFile)) ? $"\n![latency distributions]({ChartFile})\n" : "";
        File.AppendAllText(readiness, redactor.Scrub($"\n## Real versus mock: latency\n\n{File.ReadAllText(table)}{chart}"));
    }
}
