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

    /// <param name="comparisonFolder">Where the suite wrote the comparison: the real-API pass's folder when it had its own.</param>
    public static void Append(string runFolder, string comparisonFolder, SecretRedactor redactor)
    {
        var table = Path.Combine(comparisonFolder, TableFile);
        var readiness = Path.Combine(runFolder, ReportSet.ReadinessMarkdown);
        if (!File.Exists(table) || !File.Exists(readiness)) return;
        var chartPath = Path.GetRelativePath(runFolder, Path.Combine(comparisonFolder, ChartFile)).Replace('\\', '/');
        var chart = File.Exists(Path.Combine(comparisonFolder, ChartFile)) ? $"\n![latency distributions]({chartPath})\n" : "";
        File.AppendAllText(readiness, redactor.Scrub($"\n## Real versus mock: latency\n\n{File.ReadAllText(table)}{chart}"));
    }
}
