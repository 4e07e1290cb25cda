using System.Text;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// phase4-notes.md: implementation details and validation results. How this run validated the pipeline (target,
/// selection, providers), then for each criterion what proved it: the scenarios, their outcomes, their evidence
/// and the figures they attached.
/// </summary>
public static class NotesWriter
{
    public static string Render(ReadinessReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("# Phase 4 notes");
        md.AppendLine();
        Markdown.AppendVerdict(md, report);
        md.AppendLine("## How this run validated the pipeline");
        md.AppendLine();
        Markdown.AppendRunIdentity(md, report);
        var configuration = report.Run.Configuration;
        md.AppendLine($"- Scenarios: {Markdown.Cell(report.Settings.Selection?.ToString() ?? "every scenario of the merged shards")}; " +
                      $"{report.Totals.Passed} passed, {report.Totals.Failed} failed, {report.Totals.Skipped} skipped, {report.Totals.NotRun} not run, " +
                      $"{report.Totals.NotJudged} not judged, of {report.Totals.Scenarios}.");
        md.AppendLine($"- Providers: {Providers(report)}.");
        if (configuration.TryGetValue("documents", out var documents) && configuration.TryGetValue("concurrency", out var concurrency))
            md.AppendLine($"- Workload: documents {Markdown.Cell(documents)}, concurrency {Markdown.Cell(concurrency)}.");
        md.AppendLine("- Each criterion is judged from its `@criterion:` scenarios (readiness.md explains the rules); evidence files are " +
                      "attached to the scenarios in the living documentation.");
        md.AppendLine();

        md.AppendLine("## Validation results by criterion");
        md.AppendLine();
        foreach (var area in report.Criteria.GroupBy(c => c.Criterion.Area))
        {
            md.AppendLine($"### {area.Key.Number} {area.Key.Title}");
            md.AppendLine();
            foreach (var c in area)
            {
                md.AppendLine($"#### {Markdown.Symbol(c.Verdict)} `{c.Criterion.Id}` — {ReadinessEvaluator.Describe(c.Verdict)}");
                md.AppendLine();
                md.AppendLine($"Validated: {c.Criterion.Statement}.{(c.Reason is null ? "" : $" Result: {Markdown.Cell(c.Reason)}.")}");
                md.AppendLine();
                if (c.Scenarios.Count == 0)
                    md.AppendLine("No scenario proves this criterion yet.");
                foreach (var s in c.Scenarios)
                    md.AppendLine($"- {Markdown.ScenarioLine(s)}");
                var names = c.Scenarios.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
                var figures = report.Baselines.Where(b => names.Contains(b.Scenario)).ToList();
                if (figures.Count > 0)
                    md.AppendLine($"- Key figures: {string.Join("; ", figures.Select(b => $"{Markdown.Cell(b.Name)} {Markdown.Number(b.Value)} {Markdown.Cell(b.Unit)}"))}");
                md.AppendLine();
            }
        }
        return md.ToString();
    }

    private static string Providers(ReadinessReport report)
    {
        var realApi = report.Scenarios.Where(s => s.IsRealApi && s.Outcome != ScenarioOutcome.NotRun).ToList();
        if (realApi.Count == 0)
            return "the bundled mock LlamaParse and mock OpenAI (the @real-api scenarios did not run)";
        if (report.Settings.Rehearsal)
            return "the bundled mocks throughout: the @real-api scenarios were rehearsed against them (a rehearsal verifies no real service)";
        return realApi.All(s => s.Outcome == ScenarioOutcome.Skipped)
            ? $"the bundled mocks; the @real-api scenarios were skipped: {Markdown.Cell(CriterionJudge.FirstLine(realApi[0].Why))}"
            : "the bundled mocks for the @gate scenarios, and the real LlamaParse and OpenAI for the @real-api ones";
    }
}
