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
        CriterionVerdict.NotVerified or CriterionVerdict.Rehearsed => "⚠️",
        CriterionVerdict.NotJudged => "⏳",
        CriterionVerdict.NotInSelection => "➖",
        _ => "⬜",
    };

    public static string Symbol(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Passed => "✅",
        ScenarioOutcome.Failed => "❌",
        ScenarioOutcome.Skipped => "⚠️",
        ScenarioOutcome.NotJudged => "⏳",
        _ => "⬜",
    };

    public static string Outcome(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.NotRun => "not run",
        ScenarioOutcome.NotJudged => "not judged",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>Text safe inside a table cell: one line, no column breaks.</summary>
    public static string Cell(string? text) =>
        (text ?? "").Replace("\r", "").Replace("\n", " ").Replace("|", "\\|").Trim();

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string VerdictBanner(ReadinessReport report) => $"## {VerdictWords.Emoji(report.Verdict)} {VerdictWords.Headline(report)}";

    /// <summary>The verdict, then (when not ready) the path to READY: the first thing on every Markdown page.</summary>
    public static void AppendVerdict(StringBuilder md, ReadinessReport report)
    {
        md.AppendLine(VerdictBanner(report));
        md.AppendLine();
        if (report.PathToReady is not { } path)
            return;
        md.AppendLine("### Path to READY");
        md.AppendLine();
        md.AppendLine(path.Summary);
        md.AppendLine();
        foreach (var step in path.Steps)
            md.AppendLine($"- **{step.Label}**: {(step.Command is null ? "" : $"`{step.Command}` — ")}{Cell(step.Text)}");
        md.AppendLine();
    }

    public static void AppendRunIdentity(StringBuilder md, ReadinessReport report)
    {
        var run = report.Run;
        md.AppendLine("| commit | branch | target | machine | started | duration |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine($"| `{Cell(run.Commit)}` | {Cell(run.Branch)} | {Cell(run.Target)} | {Cell(run.Machine)} | " +
                      $"{run.StartedAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "unknown"} | " +
                      $"{(run.Duration is { } d ? Duration(d) : "unknown")} |");
        md.AppendLine();
        md.AppendLine(Starvation(report));
        md.AppendLine();
        if (report.Shards is not { Count: > 0 } shards)
            return;
        md.AppendLine($"Merged from {shards.Count} shards against target {Cell(run.Target)}:");
        md.AppendLine();
        md.AppendLine("| shard | report folder | scenarios run | outcome |");
        md.AppendLine("|---|---|---:|---|");
        foreach (var shard in shards)
            md.AppendLine($"| {shard.Share} | {(shard.Folder is null ? "—" : $"`{Cell(shard.Folder)}`")} | {shard.Scenarios} | {Cell(shard.Outcome)} |");
        md.AppendLine();
    }

    /// <summary>How starved the machine was (the suite's CPU canary) and what the gate makes of it.</summary>
    public static string Starvation(ReadinessReport report)
    {
        var threshold = report.Settings.StarvedAtSlowdown.ToString("0.#", CultureInfo.InvariantCulture);
        if (report.Run.CpuCanary is not { } canary)
            return $"Machine starvation: not measured (no CPU canary figures), so every failure is judged.";
        return StarvationRule.TooStarved(canary, report.Settings)
            ? $"Machine starvation: CPU slowdown {canary}. From {threshold}× on the machine is too starved to judge speed: " +
              "scenarios that failed only on speed (a wait that timed out, a missed time limit of a speed criterion) are not judged; wrong results still fail."
            : $"Machine starvation: CPU slowdown {canary}; below {threshold}×, so every failure is judged.";
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

    /// <summary>A scenario as a list item: outcome, link, duration, place, evidence, and why it did not pass.</summary>
    public static string ScenarioLine(ScenarioReport s)
    {
        var evidence = s.Evidence.Count == 0 ? "" : $" — evidence: {string.Join(", ", s.Evidence.Select(e => $"`{e}`"))}";
        var why = s.Outcome == ScenarioOutcome.Passed || s.Why is null ? "" : $" — {Cell(s.Why)}";
        return $"{Symbol(s.Outcome)} {ScenarioLink(s)} ({Outcome(s.Outcome)}, {Duration(s.Duration)}) `{s.Location}`{evidence}{why}";
    }

    public static string ScenarioLink(ScenarioReport scenario) =>
        $"[{scenario.Name.Replace("[", "\\[").Replace("]", "\\]")}]({ScenarioDeepLinks.To(scenario)})";
}
