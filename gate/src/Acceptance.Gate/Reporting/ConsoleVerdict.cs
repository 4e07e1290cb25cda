using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>The verdict as the gate's last console lines: READY or NOT READY, where the report is, the first reasons.</summary>
public static class ConsoleVerdict
{
    public static void Write(ReadinessReport report, string folder, TextWriter output)
    {
        var readiness = Path.Combine(folder, ReportSet.ReadinessMarkdown);
        output.WriteLine(report.Passed ? $"READY · {readiness}" : $"{VerdictWords.Headline(report)} · {report.Reasons.Count} reason(s) · {readiness}");
        foreach (var reason in report.Reasons.Take(10))
            output.WriteLine($"  - {reason}");
        if (report.PathToReady is { } path)
        {
            output.WriteLine($"Path to READY: {path.Summary}");
            foreach (var step in path.Steps)
                output.WriteLine($"  {step.Label}: {(step.Command is null ? "" : $"{step.Command} — ")}{step.Text}");
        }
    }
}
