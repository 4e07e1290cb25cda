using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>The verdict in words, the same in every report: ready, not ready, or not judged (never ready).</summary>
public static class VerdictWords
{
    public static string Short(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "READY",
        GateVerdict.NotJudged => "NOT JUDGED",
        _ => "NOT READY",
    };

    public static string Headline(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "READY — the acceptance gate passes",
        GateVerdict.NotJudged => "NOT JUDGED — the machine was too starved to judge speed: not ready, run the gate again on a quieter machine",
        _ => "NOT READY — the acceptance gate fails",
    };
}
