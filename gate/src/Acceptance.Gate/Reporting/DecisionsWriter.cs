using System.Text;
using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>phase4-decisions.md: the testing strategies and optimisation decisions behind the run, from docs/decisions/.</summary>
public static class DecisionsWriter
{
    public static string Render(ReadinessReport report, IReadOnlyList<DecisionRecord> decisions)
    {
        var md = new StringBuilder();
        md.AppendLine("# Phase 4 decisions");
        md.AppendLine();
        Markdown.AppendVerdict(md, report);
        md.AppendLine("The testing strategies and optimisation decisions behind this run, as kept in the repository " +
                      "(docs/decisions/NNNN-title.md, one record per decision).");
        md.AppendLine();
        if (decisions.Count == 0)
        {
            md.AppendLine("No decision record was found in docs/decisions/.");
            return md.ToString();
        }
        md.AppendLine("| record | decision | kind | status |");
        md.AppendLine("|---|---|---|---|");
        foreach (var d in decisions)
            md.AppendLine($"| {d.Number} | {Markdown.Cell(d.Title)} | {d.Kind} | {Markdown.Cell(d.Status)} |");
        md.AppendLine();
        foreach (var (kind, title) in new[] { (DecisionRecord.TestingStrategy, "Testing strategies"), (DecisionRecord.Optimisation, "Optimisation decisions") })
        {
            var ofKind = decisions.Where(d => d.Kind == kind).ToList();
            if (ofKind.Count == 0) continue;
            md.AppendLine($"## {title}");
            md.AppendLine();
            foreach (var d in ofKind)
            {
                md.AppendLine($"### {d.Number} {d.Title}");
                md.AppendLine();
                // The record's own sections sit one level below its title here.
                md.AppendLine(string.Join('\n', d.Body.Split('\n').Select(l => l.StartsWith("## ", StringComparison.Ordinal) ? "##" + l : l)));
                md.AppendLine();
            }
        }
        return md.ToString();
    }
}
