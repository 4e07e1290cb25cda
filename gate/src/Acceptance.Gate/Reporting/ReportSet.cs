using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>Writes the four gate reports into the reports folder, every one scrubbed of secrets.</summary>
public static class ReportSet
{
    public const string ReadinessMarkdown = "readiness.md";
    public const string ReadinessJson = "readiness.json";
    public const string TestingSummary = "phase4-testing-summary.md";
    public const string Handoff = "phase4-handoff.md";

    public static IReadOnlyList<string> Write(ReadinessReport report, string directory, SecretRedactor redactor)
    {
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Text)[]
        {
            (ReadinessMarkdown, ReadinessMarkdownWriter.Render(report)),
            (ReadinessJson, ReadinessJsonWriter.Render(report)),
            (ReadinessHtmlWriter.FileName, ReadinessHtmlWriter.Render(report)),
            (TestingSummary, TestingSummaryWriter.Render(report)),
            (Handoff, HandoffWriter.Render(report)),
        };
        return files.Select(file =>
        {
            var path = Path.Combine(directory, file.Name);
            File.WriteAllText(path, redactor.Scrub(file.Text));
            return path;
        }).ToList();
    }
}
