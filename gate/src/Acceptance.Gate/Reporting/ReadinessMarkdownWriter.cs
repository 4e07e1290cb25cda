using System.Text;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Reporting;

/// <summary>readiness.md: the verdict at a glance, then the criteria matrix, then the details behind it.</summary>
public static class ReadinessMarkdownWriter
{
    public static string Render(ReadinessReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("# Phase 4 readiness");
        md.AppendLine();
        Markdown.AppendVerdict(md, report);
        foreach (var reason in report.Reasons)
            md.AppendLine($"- {Markdown.Cell(reason)}");
        if (report.Reasons.Count > 0)
            md.AppendLine();
        Markdown.AppendRunIdentity(md, report);
        AppendMatrix(md, report);
        AppendCompleteness(md, report);
        AppendQuarantine(md, report);
        AppendLint(md, report);
        md.AppendLine("## Performance baselines");
        md.AppendLine();
        Markdown.AppendBaselines(md, report);
        AppendDetails(md, report);
        AppendConfiguration(md, report);
        return md.ToString();
    }

    private static void AppendMatrix(StringBuilder md, ReadinessReport report)
    {
        md.AppendLine("## Criteria");
        md.AppendLine();
        md.AppendLine("✅ verified · ❌ failed · ⚠️ not verified or rehearsed · ⏳ not judged (machine too starved) · ⬜ not covered · ➖ not in this selection");
        md.AppendLine();
        md.AppendLine("| | criterion | area | verdict | scenarios | reason |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var c in report.Criteria)
        {
            var passed = c.Scenarios.Count(s => s.Outcome == ScenarioOutcome.Passed);
            var note = c.Blocks || c.Verdict == CriterionVerdict.Verified ? "" : " (does not block)";
            md.AppendLine($"| {Markdown.Symbol(c.Verdict)} | `{c.Criterion.Id}` {Markdown.Cell(c.Criterion.Statement)} | " +
                          $"{c.Criterion.Area.Number} {c.Criterion.Area.Title} | {ReadinessEvaluator.Describe(c.Verdict)}{note} | " +
                          $"{passed}/{c.Scenarios.Count} passed | {Markdown.Cell(c.Reason)} |");
        }
        md.AppendLine();
    }

    private static void AppendCompleteness(StringBuilder md, ReadinessReport report)
    {
        md.AppendLine("## Gate completeness");
        md.AppendLine();
        var gate = report.Scenarios.Count(s => s.IsGate);
        if (report.Completeness.Count == 0)
        {
            md.AppendLine($"All {gate} @gate scenarios ran and their last attempt passed.");
            md.AppendLine();
            return;
        }
        md.AppendLine($"{gate - report.Completeness.Count} of {gate} @gate scenarios ran and passed. These did not:");
        md.AppendLine();
        md.AppendLine("| | scenario | where | why | blocks |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var issue in report.Completeness)
            md.AppendLine($"| {Markdown.Symbol(issue.Scenario.Outcome)} | {Markdown.Cell(issue.Scenario.Name)} | `{issue.Scenario.Location}` | " +
                          $"{Markdown.Cell(issue.Why)} | {(issue.Blocks ? "yes" : "no")} |");
        md.AppendLine();
    }

    private static void AppendQuarantine(StringBuilder md, ReadinessReport report)
    {
        md.AppendLine("## Quarantine");
        md.AppendLine();
        if (report.Quarantines.Count == 0)
        {
            md.AppendLine("No scenario is quarantined.");
            md.AppendLine();
            return;
        }
        md.AppendLine("| scenario | where | owner | expires | result | status |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var q in report.Quarantines)
            md.AppendLine($"| {Markdown.Cell(q.Scenario)} | `{q.File}:{q.Line}` | {Markdown.Cell(q.Owner ?? "missing")} | " +
                          $"{q.Expires?.ToString("yyyy-MM-dd") ?? "missing"} | {Markdown.Outcome(q.Outcome)} | " +
                          $"{(q.Expired ? "❌ expired: fails the gate" : "active: does not block")} |");
        md.AppendLine();
    }

    private static void AppendLint(StringBuilder md, ReadinessReport report)
    {
        md.AppendLine("## Tag lint");
        md.AppendLine();
        if (report.LintErrors.Count == 0)
            md.AppendLine("No tag errors.");
        foreach (var error in report.LintErrors)
            md.AppendLine($"- `{error.File}:{error.Line}` {Markdown.Cell(error.Message)}");
        md.AppendLine();
    }

    private static void AppendDetails(StringBuilder md, ReadinessReport report)
    {
        md.AppendLine("## Details by criterion");
        md.AppendLine();
        foreach (var area in report.Criteria.GroupBy(c => c.Criterion.Area))
        {
            md.AppendLine($"### {area.Key.Number} {area.Key.Title}");
            md.AppendLine();
            foreach (var c in area)
            {
                md.AppendLine($"#### {Markdown.Symbol(c.Verdict)} `{c.Criterion.Id}` — {c.Criterion.Statement}");
                md.AppendLine();
                if (c.Scenarios.Count == 0)
                    md.AppendLine("No scenario proves this criterion yet.");
                foreach (var s in c.Scenarios)
                    md.AppendLine($"- {Markdown.ScenarioLine(s)}");
                md.AppendLine();
            }
        }
    }

    private static void AppendConfiguration(StringBuilder md, ReadinessReport report)
    {
        md.AppendLine("## Configuration (secrets redacted)");
        md.AppendLine();
        if (report.Run.Configuration.Count == 0)
            md.AppendLine("No configuration was recorded.");
        else
        {
            md.AppendLine("| setting | value |");
            md.AppendLine("|---|---|");
            foreach (var (key, value) in report.Run.Configuration)
                md.AppendLine($"| {Markdown.Cell(key)} | `{Markdown.Cell(value)}` |");
        }
        md.AppendLine();
    }
}
