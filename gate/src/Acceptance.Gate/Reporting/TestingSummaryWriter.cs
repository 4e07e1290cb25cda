using System.Text;
using Acceptance.Gate.Criteria;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Reporting;

/// <summary>phase4-testing-summary.md: what ran, how it ended per area, and the benchmarks.</summary>
public static class TestingSummaryWriter
{
    public static string Render(ReadinessReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("# Phase 4 testing summary");
        md.AppendLine();
        Markdown.AppendVerdict(md, report);
        Markdown.AppendRunIdentity(md, report);

        var t = report.Totals;
        md.AppendLine("## Results");
        md.AppendLine();
        md.AppendLine("| scenarios | ✅ passed | ❌ failed | ⚠️ skipped | ⬜ not run |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        md.AppendLine($"| {t.Scenarios} | {t.Passed} | {t.Failed} | {t.Skipped} | {t.NotRun} |");
        md.AppendLine();

        md.AppendLine("## By area");
        md.AppendLine();
        md.AppendLine("| area | criteria verified | scenarios | passed | failed | skipped | not run |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var area in Phase4Criteria.Areas)
        {
            var criteria = report.Criteria.Where(c => c.Criterion.Area == area).ToList();
            var scenarios = criteria.SelectMany(c => c.Scenarios).ToList();
            md.AppendLine($"| {area.Number} {area.Title} | {criteria.Count(c => c.Verdict == CriterionVerdict.Verified)}/{criteria.Count} | " +
                          $"{scenarios.Count} | {Count(scenarios, ScenarioOutcome.Passed)} | {Count(scenarios, ScenarioOutcome.Failed)} | " +
                          $"{Count(scenarios, ScenarioOutcome.Skipped)} | {Count(scenarios, ScenarioOutcome.NotRun)} |");
        }
        md.AppendLine();

        md.AppendLine("## Benchmarks");
        md.AppendLine();
        Markdown.AppendBaselines(md, report);

        AppendList(md, "Failures", report.Scenarios.Where(s => s.Outcome == ScenarioOutcome.Failed));
        AppendList(md, "Skipped", report.Scenarios.Where(s => s.Outcome == ScenarioOutcome.Skipped));
        return md.ToString();
    }

    private static int Count(IEnumerable<ScenarioReport> scenarios, ScenarioOutcome outcome) =>
        scenarios.Count(s => s.Outcome == outcome);

    private static void AppendList(StringBuilder md, string title, IEnumerable<ScenarioReport> scenarios)
    {
        var list = scenarios.ToList();
        if (list.Count == 0)
            return;
        md.AppendLine($"## {title}");
        md.AppendLine();
        foreach (var s in list)
            md.AppendLine($"- {Markdown.ScenarioLink(s)} `{s.Location}`{(s.IsQuarantined ? " (quarantined)" : "")}: {Markdown.Cell(s.Why)}");
        md.AppendLine();
    }
}
