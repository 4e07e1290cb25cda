using System.Text;
using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// phase4-handoff.md: the gaps Phase 4 leaves open and what Phase 5 needs to close each, derived
/// from the criteria that are not verified, the gate scenarios that did not pass, quarantines,
/// regressions and tag errors.
/// </summary>
public static class HandoffWriter
{
    public static string Render(ReadinessReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("# Phase 4 handoff");
        md.AppendLine();
        Markdown.AppendVerdict(md, report);

        var gaps = report.Criteria.Where(c => c.Verdict != CriterionVerdict.Verified).ToList();
        md.AppendLine("## Open gaps");
        md.AppendLine();
        if (gaps.Count == 0)
            md.AppendLine($"None: all {report.Criteria.Count} criteria are verified.");
        foreach (var gap in gaps)
        {
            md.AppendLine($"### {Markdown.Symbol(gap.Verdict)} `{gap.Criterion.Id}` — {ReadinessEvaluator.Describe(gap.Verdict)}");
            md.AppendLine();
            md.AppendLine($"- Criterion: {gap.Criterion.Statement} ({gap.Criterion.Area.Number} {gap.Criterion.Area.Title})");
            if (gap.Reason is not null)
                md.AppendLine($"- Why: {Markdown.Cell(gap.Reason)}");
            md.AppendLine($"- Phase 5 needs: {Need(gap)}");
            md.AppendLine();
        }

        AppendSection(md, "Gate scenarios to fix", report.Completeness
            .Select(c => $"{Markdown.ScenarioLink(c.Scenario)} `{c.Scenario.Location}`: {Markdown.Cell(c.Why)}"));
        AppendSection(md, "Quarantined scenarios to resolve", report.Quarantines
            .Select(q => $"\"{Markdown.Cell(q.Scenario)}\" `{q.File}:{q.Line}` — owner {q.Owner ?? "missing"}, " +
                         $"expires {q.Expires?.ToString("yyyy-MM-dd") ?? "missing"}{(q.Expired ? " (expired)" : "")}"));
        AppendSection(md, "Performance regressions", report.Baselines.Where(b => b.Regressed)
            .Select(b => $"{Markdown.Cell(b.Name)}: {Markdown.Number(b.Previous ?? 0)} → {Markdown.Number(b.Value)} {b.Unit} " +
                         $"({Markdown.Number(b.DeltaPercent ?? 0)}%), from \"{Markdown.Cell(b.Scenario)}\""));
        AppendSection(md, "Run problems", report.RunFailures.Select(Markdown.Cell));
        AppendSection(md, "Tag errors to fix", report.LintErrors.Select(e => $"`{e.File}:{e.Line}` {Markdown.Cell(e.Message)}"));
        md.AppendLine("## The Phase 4 plan's procedures, run here");
        md.AppendLine();
        md.Append(Criteria.PlanProcedures.ToMarkdown());
        return md.ToString();
    }

    private static string Need(CriterionReport gap) => gap.Verdict switch
    {
        CriterionVerdict.NotCovered =>
            $"scenarios that prove it, tagged `@criterion:{gap.Criterion.Id}` (and `@gate` when it blocks a release), with step bindings.",
        CriterionVerdict.Failed =>
            "the defect behind the failing scenarios fixed in the pipeline (or the scenario corrected), then a green gate run.",
        CriterionVerdict.Rehearsed =>
            $"a run against the real services, not a rehearsal on the mocks: `{PathToReady.RealApiGateWithKeys}`.",
        CriterionVerdict.NotInSelection =>
            "a run whose selection includes its scenarios: the whole gate, or the merge of every shard (see the path to READY).",
        _ when gap.QuarantinedOnly =>
            "the quarantined scenarios stabilised and released from quarantine, so the criterion is proved by a trusted scenario.",
        _ => "a run where its scenarios can execute (for example API keys and a budget for @real-api, or a target with service control).",
    };

    private static void AppendSection(StringBuilder md, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
            return;
        md.AppendLine($"## {title}");
        md.AppendLine();
        foreach (var line in list)
            md.AppendLine($"- {line}");
        md.AppendLine();
    }
}
