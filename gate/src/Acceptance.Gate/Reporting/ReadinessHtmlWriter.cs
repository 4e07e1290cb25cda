using System.Globalization;
using System.Net;
using System.Text;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Results;
using Acceptance.Gate.Steps;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// readiness.html: the same decision as readiness.md as one self-contained page for stakeholders.
/// The verdict and its reasons come first, then the criteria matrix with every scenario linked to
/// its place in the living documentation, the failures, the outcome and baseline charts, the run.
/// </summary>
public static class ReadinessHtmlWriter
{
    public const string FileName = "readiness.html";
    private const int ReasonsInView = 6;

    public static string Render(ReadinessReport report)
    {
        var html = new StringBuilder();
        html.AppendLine($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{VerdictWords.Short(report.Verdict)} · Phase 4 readiness</title>
            <style>{Style}</style></head><body>
            <nav><a href="{LivingDocumentation.FileName}">Living documentation</a> · <a href="{StepCatalogue.HtmlFile}">Step catalogue</a> · <a href="{ReportSet.ReadinessMarkdown}">readiness.md</a> · <a href="{ReportSet.ReadinessJson}">readiness.json</a></nav>
            <h1>Phase 4 readiness</h1>
            """);
        AppendVerdict(html, report);
        AppendTotals(html, report);
        AppendMatrix(html, report);
        AppendFailures(html, report);
        AppendBaselines(html, report);
        AppendRun(html, report);
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void AppendVerdict(StringBuilder html, ReadinessReport report)
    {
        var verified = report.Criteria.Count(c => c.Verdict == CriterionVerdict.Verified);
        html.AppendLine($"""
            <section id="verdict" class="verdict {(report.Passed ? "ready" : "not-ready")}">
            <p class="headline">{VerdictWords.Symbol(report.Verdict)} {E(VerdictWords.Headline(report))}</p>
            <p>{verified} of {report.Criteria.Count} criteria verified · {report.Reasons.Count} reason(s) against release</p>
            """);
        html.AppendLine(PathToReadyBlock(report));
        // The first reasons in view; a long list (every uncovered criterion, every scenario not run) folds away.
        if (report.Reasons.Count > 0)
            html.AppendLine("<ul class=\"reasons\">" + string.Concat(report.Reasons.Take(ReasonsInView).Select(r => $"<li>{E(r)}</li>")) + "</ul>");
        if (report.Reasons.Count > ReasonsInView)
            html.AppendLine($"<details class=\"more-reasons\"><summary>{report.Reasons.Count - ReasonsInView} more reason(s)</summary><ul class=\"reasons\">"
                + string.Concat(report.Reasons.Skip(ReasonsInView).Select(r => $"<li>{E(r)}</li>")) + "</ul></details>");
        html.AppendLine("</section>");
    }

    /// <summary>The path to READY as an HTML block (id path-to-ready), right under a verdict; empty when the run is ready.</summary>
    public static string PathToReadyBlock(ReadinessReport report)
    {
        if (report.PathToReady is not { } path)
            return "";
        var steps = string.Concat(path.Steps.Select(step =>
            $"<li><strong>{E(step.Label)}</strong>: {(step.Command is null ? "" : $"<code>{E(step.Command)}</code> — ")}{E(step.Text)}</li>"));
        return $"<div id=\"path-to-ready\" class=\"path-to-ready\"><strong>Path to READY</strong>: {E(path.Summary)}<ul>{steps}</ul></div>";
    }

    private static void AppendTotals(StringBuilder html, ReadinessReport report)
    {
        var t = report.Totals;
        var parts = new (string Name, int Count, string Colour)[]
        {
            ("passed", t.Passed, "#1a7f37"), ("failed", t.Failed, "#cf222e"), ("not judged", t.NotJudged, "#bf8700"), ("skipped", t.Skipped, "#9a6700"), ("not run", t.NotRun, "#8c959f"),
        };
        html.AppendLine($"<h2>Scenarios</h2><p>{t.Scenarios} scenarios: " + string.Join(" · ", parts.Select(p => $"{p.Count} {p.Name}")) + "</p>");
        if (t.Scenarios == 0)
            return;
        // One stacked bar, drawn inline so the page needs nothing beside it.
        var svg = new StringBuilder("<svg id=\"outcome-chart\" role=\"img\" aria-label=\"scenario outcomes\" width=\"600\" height=\"28\" viewBox=\"0 0 600 28\">");
        double x = 0;
        foreach (var (name, count, colour) in parts.Where(p => p.Count > 0))
        {
            var width = 600.0 * count / t.Scenarios;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"0\" width=\"{width:0.#}\" height=\"28\" fill=\"{colour}\"><title>{count} {name}</title></rect>");
            x += width;
        }
        html.AppendLine(svg.Append("</svg>").ToString());
    }

    private static void AppendMatrix(StringBuilder html, ReadinessReport report)
    {
        html.AppendLine("""
            <h2>Criteria</h2>
            <p class="legend"><span class="verified">✔</span> verified · <span class="failed">✘</span> failed · <span class="not-verified">⚠</span> not verified or rehearsed · <span class="not-covered">○</span> not covered · <span class="not-covered">–</span> not in this selection</p>
            <table id="criteria"><thead><tr><th></th><th>criterion</th><th>area</th><th>verdict</th><th>scenarios</th><th>reason</th></tr></thead><tbody>
            """);
        foreach (var c in report.Criteria)
        {
            var passed = c.Scenarios.Count(s => s.Outcome == ScenarioOutcome.Passed);
            var note = c.Blocks || c.Verdict == CriterionVerdict.Verified ? "" : " (does not block)";
            var scenarios = c.Scenarios.Count == 0
                ? ""
                : "<details><summary>" + $"{passed}/{c.Scenarios.Count} passed" + "</summary><ul>"
                  + string.Concat(c.Scenarios.Select(s => $"<li>{Symbol(s.Outcome)} {ScenarioAnchor(s)}</li>")) + "</ul></details>";
            html.AppendLine($"<tr data-criterion=\"{E(c.Criterion.Id)}\" class=\"{Css(c.Verdict)}\"><td class=\"symbol\">{Symbol(c.Verdict)}</td>"
                + $"<td><code>{E(c.Criterion.Id)}</code> {E(c.Criterion.Statement)}</td><td>{E(c.Criterion.Area.Number)} {E(c.Criterion.Area.Title)}</td>"
                + $"<td>{E(ReadinessEvaluator.Describe(c.Verdict))}{note}</td><td>{(c.Scenarios.Count == 0 ? "none" : scenarios)}</td><td>{E(c.Reason)}</td></tr>");
        }
        html.AppendLine("</tbody></table>");
    }

    private static void AppendFailures(StringBuilder html, ReadinessReport report)
    {
        var failed = report.Scenarios.Where(s => s.Outcome is ScenarioOutcome.Failed or ScenarioOutcome.NotJudged).ToList();
        html.AppendLine($"<h2>Failed or not judged scenarios ({failed.Count})</h2>");
        if (failed.Count == 0)
        {
            html.AppendLine("<p>No scenario failed.</p>");
            return;
        }
        html.AppendLine("<table id=\"failures\"><thead><tr><th>scenario</th><th>feature</th><th>where</th><th>why</th><th>evidence</th></tr></thead><tbody>");
        foreach (var s in failed)
            html.AppendLine($"<tr><td>{ScenarioAnchor(s)}</td><td>{E(s.Feature)}</td><td><code>{E(s.Location)}</code></td>"
                + $"<td><pre>{E(s.Why)}</pre></td><td>{Evidence(s)}</td></tr>");
        html.AppendLine("</tbody></table>");
    }

    private static void AppendBaselines(StringBuilder html, ReadinessReport report)
    {
        html.AppendLine("<h2>Performance baselines</h2>");
        if (report.Baselines.Count == 0)
        {
            html.AppendLine("<p>No scenario attached baseline figures in this run.</p>");
            return;
        }
        html.AppendLine("<table id=\"baselines\"><thead><tr><th>metric</th><th>value</th><th>previous</th><th>this run against the previous</th><th>scenario</th></tr></thead><tbody>");
        foreach (var b in report.Baselines)
        {
            var scale = Math.Max(b.Value, b.Previous ?? 0);
            string Bar(double value, string colour) => scale <= 0 ? "" :
                string.Create(CultureInfo.InvariantCulture, $"<rect height=\"8\" width=\"{200 * value / scale:0.#}\" fill=\"{colour}\"/>");
            var chart = $"<svg class=\"baseline-chart\" width=\"200\" height=\"18\" viewBox=\"0 0 200 18\">{Bar(b.Value, b.Regressed ? "#cf222e" : "#0969da")}"
                + (b.Previous is { } p ? $"<g transform=\"translate(0,10)\">{Bar(p, "#8c959f")}</g>" : "") + "</svg>";
            html.AppendLine($"<tr class=\"{(b.Regressed ? "failed" : "")}\"><td>{E(b.Name)} ({E(b.Better)} is better)</td><td>{Markdown.Number(b.Value)} {E(b.Unit)}</td>"
                + $"<td>{(b.Previous is { } prev ? $"{Markdown.Number(prev)} {E(b.Unit)}" : "—")}</td><td>{chart}{(b.Regressed ? " regression" : "")}</td><td>{E(b.Scenario)}</td></tr>");
        }
        html.AppendLine("</tbody></table>");
    }

    private static void AppendRun(StringBuilder html, ReadinessReport report)
    {
        var run = report.Run;
        html.AppendLine($"""
            <h2>Run</h2>
            <table id="run"><tr><th>commit</th><td><code>{E(run.Commit)}</code></td></tr><tr><th>branch</th><td>{E(run.Branch)}</td></tr>
            <tr><th>target</th><td>{E(run.Target)}</td></tr><tr><th>machine</th><td>{E(run.Machine)}</td></tr>
            <tr><th>duration</th><td>{(run.Duration is { } d ? Markdown.Duration(d) : "unknown")}</td></tr>
            <tr><th>machine starvation</th><td id="starvation">{E(Markdown.Starvation(report))}</td></tr></table>
            """);
        if (report.Shards is not { Count: > 0 } shards)
            return;
        html.AppendLine($"<h2>Shards</h2><p>Merged from {shards.Count} shards against target {E(run.Target)}.</p>"
            + "<table id=\"shards\"><thead><tr><th>shard</th><th>report folder</th><th>scenarios run</th><th>outcome</th></tr></thead><tbody>"
            + string.Concat(shards.Select(shard => $"<tr><td>{E(shard.Share)}</td><td><code>{E(shard.Folder ?? "—")}</code></td><td>{shard.Scenarios}</td><td>{E(shard.Outcome)}</td></tr>"))
            + "</tbody></table>");
    }

    private static string ScenarioAnchor(ScenarioReport s) =>
        $"<a class=\"scenario\" href=\"{E(ScenarioDeepLinks.To(s))}\">{E(s.Name)}</a>";

    private static string Evidence(ScenarioReport s) => s.Evidence.Count == 0
        ? ""
        : string.Join(", ", s.Evidence.Select(name => $"<a class=\"evidence\" href=\"{E(ScenarioDeepLinks.To(s))}\">{E(name)}</a>"));

    // Symbols from DejaVu Sans (a colour emoji font is not on every machine that opens the page).
    private static string Symbol(CriterionVerdict verdict) => verdict switch
    {
        CriterionVerdict.Verified => "<span class=\"verified\" title=\"verified\">✔</span>",
        CriterionVerdict.Failed => "<span class=\"failed\" title=\"failed\">✘</span>",
        CriterionVerdict.NotVerified => "<span class=\"not-verified\" title=\"not verified\">⚠</span>",
        CriterionVerdict.NotJudged => "<span class=\"not-verified\" title=\"not judged: machine too starved\">⧗</span>",
        CriterionVerdict.Rehearsed => "<span class=\"not-verified\" title=\"rehearsed, not verified\">⚠</span>",
        CriterionVerdict.NotInSelection => "<span class=\"not-covered\" title=\"not in this selection\">–</span>",
        _ => "<span class=\"not-covered\" title=\"not covered\">○</span>",
    };

    private static string Symbol(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Passed => "<span class=\"verified\" title=\"passed\">✔</span>",
        ScenarioOutcome.Failed => "<span class=\"failed\" title=\"failed\">✘</span>",
        ScenarioOutcome.Skipped => "<span class=\"not-verified\" title=\"skipped\">⚠</span>",
        ScenarioOutcome.NotJudged => "<span class=\"not-verified\" title=\"not judged: machine too starved\">⧗</span>",
        _ => "<span class=\"not-covered\" title=\"not run\">○</span>",
    };

    private static string Css(CriterionVerdict verdict) => verdict switch
    {
        CriterionVerdict.Verified => "verified",
        CriterionVerdict.Failed => "failed",
        CriterionVerdict.NotVerified or CriterionVerdict.Rehearsed => "not-verified",
        _ => "not-covered",
    };

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem 2rem; color: #1f2328; max-width: 1200px; }
        nav { font-size: .9rem; margin-bottom: .5rem; }
        .verdict { border-radius: 8px; padding: 1rem 1.5rem; margin: 1rem 0 1.5rem; border: 2px solid; }
        .verdict.ready { background: #dafbe1; border-color: #1a7f37; }
        .verdict.not-ready { background: #ffebe9; border-color: #cf222e; }
        .verdict .headline { font-size: 1.8rem; font-weight: 700; margin: 0 0 .3rem; }
        .reasons { margin: .5rem 0 0; }
        .path-to-ready { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem 1rem; margin: .6rem 0; }
        .path-to-ready code { background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
        table { border-collapse: collapse; width: 100%; font-size: .92rem; margin-bottom: 1rem; }
        th, td { border-bottom: 1px solid #d0d7de; padding: .4rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        tr.failed td { background: #fff5f5; }
        tr.not-covered td, tr.not-verified td { background: #fffbea; }
        pre { white-space: pre-wrap; margin: 0; font-size: .85rem; max-height: 12rem; overflow: auto; }
        details summary { cursor: pointer; }
        .legend { color: #59636e; }
        span.verified { color: #1a7f37; } span.failed { color: #cf222e; } span.not-verified { color: #9a6700; } span.not-covered { color: #8c959f; }
        td.symbol { font-size: 1.2rem; }
        """;
}
