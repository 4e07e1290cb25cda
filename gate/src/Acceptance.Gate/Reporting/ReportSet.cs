using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// Writes the gate's reports into the reports folder, every one scrubbed of secrets: readiness.md/.json/.html and the
/// four Phase 4 documents (testing summary, handoff, notes, decisions).
/// </summary>
public static class ReportSet
{
    public const string ReadinessMarkdown = "readiness.md";
    public const string ReadinessJson = "readiness.json";
    public const string TestingSummary = "phase4-testing-summary.md";
    public const string Handoff = "phase4-handoff.md";
    public const string Notes = "phase4-notes.md";
    public const string Decisions = "phase4-decisions.md";

    /// <param name="decisions">The decision records to render; by default the repository's (docs/decisions/).</param>
    public static IReadOnlyList<string> Write(ReadinessReport report, string directory, SecretRedactor redactor,
        IReadOnlyList<DecisionRecord>? decisions = null)
    {
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Text)[]
        {
            (ReadinessMarkdown, ReadinessMarkdownWriter.Render(report)),
            (ReadinessJson, ReadinessJsonWriter.Render(report)),
            (ReadinessHtmlWriter.FileName, ReadinessHtmlWriter.Render(report)),
            (TestingSummary, TestingSummaryWriter.Render(report)),
            (Handoff, HandoffWriter.Render(report)),
            (Notes, NotesWriter.Render(report)),
            (Decisions, DecisionsWriter.Render(report, decisions ?? DecisionRecord.InRepository())),
        };
        return files.Select(file =>
        {
            var path = Path.Combine(directory, file.Name);
            File.WriteAllText(path, redactor.Scrub(file.Text));
            return path;
        }).ToList();
    }
}
