using System.Globalization;
using System.Text;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Reporting;

/// <summary>Pieces the three Markdown reports share: symbols, table cells, run identity, baselines.</summary>
internal static class Markdown
{
    public static string Symbol(CriterionVerdict verdict) => verdict switch
    {
        CriterionVerdict.Verified => "✅",
        CriterionVerdict.Failed => "❌",
        CriterionVerdict.NotVerified => "⚠️",
        _ => "⬜",
    };

    public static string Symbol(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Passed => "✅",
        ScenarioOutcome.Failed => "❌",
        ScenarioOutcome.Skipped => "⚠️",
        _ => "⬜",
    };

    public static string Outcome(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.NotRun => "not run",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>Text safe inside a table cell: one line, no column breaks.</summary>
    public static string Cell(string? text) =>
        (text ?? "").Replace("\r", "").Replace("\n", " ").Replace("|", "\\|").Trim();

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string VerdictBanner(ReadinessReport report) => report.Passed
        ? "## ✅ READY — the acceptance gate passes"
        : "## ❌ NOT READY — the acceptance gate fails";

    public static void AppendRunIdentity(StringBuilder md, ReadinessReport report)
    {
        var run = report.Run;
        md.AppendLine("| commit | branch | target | machine | started | duration |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine($"| `{Cell(run.Commit)}` | {Cell(run.Branch)} | {Cell(run.Target)} | {Cell(run.Machine)} | " +
                      $"{run.StartedAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "unknown"} | " +
                      $"{(run.Duration is { } d ? Duration(d) : "unknown")} |");
        md.AppendLine();
    }

    public static string Duration(TimeSpan duration) =>
        duration.TotalMinutes >= 1
            ? $"{(int)duration.TotalMinutes} min {duration.Seconds} s"
            : $"{duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    public static void AppendBaselines(StringBuilder md, ReadinessReport report)
    {
        if (report.Baselines.Count == 0)
        {
            md.AppendLine("No scenario attached baseline figures in this run.");
            md.AppendLine();
            return;
        }
        md.AppendLine("| metric | value | previous | change | | scenario |");
        md.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var b in report.Baselines)
        {
            var change = b.DeltaPercent is { } delta ? $"{(delta >= 0 ? "+" : "")}{Number(delta)}%" : "";
            var flag = b.Regressed ? $"❌ regression (> {Number(report.Settings.RegressionThresholdPercent)}% worse)" : "";
            md.AppendLine($"| {Cell(b.Name)} ({b.Better} is better) | {Number(b.Value)} {Cell(b.Unit)} | " +
                          $"{(b.Previous is { } p ? $"{Number(p)} {Cell(b.Unit)}" : "—")} | {change} | {flag} | {Cell(b.Scenario)} |");
        }
        md.AppendLine();
    }

    public static string ScenarioLink(ScenarioReport scenario) =>
        $"[{scenario.Name.Replace("[", "\\[").Replace("]", "\\]")}]({scenario.ReportLink})";
}
