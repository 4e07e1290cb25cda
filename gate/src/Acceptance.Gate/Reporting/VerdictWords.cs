using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// The verdict in words, the same in every report: ready; not ready because something failed, or because something
/// was not verified though nothing failed; not judged; or a rehearsal. Only "READY" is ever ready.
/// </summary>
public static class VerdictWords
{
    public static string Short(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "READY",
        GateVerdict.NotJudged => "NOT JUDGED",
        GateVerdict.Rehearsal => "REHEARSAL",
        _ => "NOT READY",
    };

    /// <summary>The verdict's symbol in Markdown (colour emoji).</summary>
    public static string Emoji(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "✅",
        GateVerdict.NotJudged => "⏳",
        GateVerdict.Fail => "❌",
        _ => "⚠️",
    };

    /// <summary>The verdict's symbol in HTML, from DejaVu Sans (a colour emoji font is not on every machine that opens the page).</summary>
    public static string Symbol(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "✔",
        GateVerdict.NotJudged => "⏳",
        GateVerdict.Fail => "✘",
        _ => "⚠",
    };

    public static string Headline(ReadinessReport report)
    {
        var headline = report.Verdict switch
        {
            GateVerdict.Pass => "READY — the acceptance gate passes",
            GateVerdict.NotJudged => "NOT JUDGED — the machine was too starved to judge speed: not ready, run the gate again on a quieter machine",
            GateVerdict.Rehearsal => $"REHEARSAL — the path to READY ran against the bundled mocks: {Criteria(report, CriterionVerdict.Rehearsed)} " +
                                     "rehearsed, not verified; a rehearsal is never ready",
            GateVerdict.NotVerified => $"NOT READY — {NotVerified(report)}; nothing failed",
            _ => $"NOT READY — the acceptance gate fails: {report.Failures.Count} failure(s)",
        };
        return report.Settings.Rehearsal && report.Verdict != GateVerdict.Rehearsal
            ? $"{headline} (a rehearsal against the bundled mocks: never ready)"
            : headline;
    }

    /// <summary>"3 criteria not verified (they need the real APIs)", or the gate scenarios that did not run when no criterion says it.</summary>
    private static string NotVerified(ReadinessReport report)
    {
        var criteria = report.Criteria.Where(c => c.Blocks && c.Verdict is CriterionVerdict.NotVerified or CriterionVerdict.NotInSelection).ToList();
        if (criteria.Count == 0)
            return $"{report.Completeness.Count(c => c.Blocks)} gate scenario(s) did not run";
        var needRealApis = criteria.All(c => c.Scenarios.Any(s => s.IsRealApi));
        var leftOut = criteria.All(c => c.Verdict == CriterionVerdict.NotInSelection);
        return $"{Count(criteria.Count)} {(leftOut ? "not in this selection" : "not verified")}{(needRealApis ? " (they need the real APIs)" : "")}";
    }

    private static string Criteria(ReadinessReport report, CriterionVerdict verdict) => Count(report.Criteria.Count(c => c.Verdict == verdict));

    private static string Count(int criteria) => criteria == 1 ? "1 criterion" : $"{criteria} criteria";
}
