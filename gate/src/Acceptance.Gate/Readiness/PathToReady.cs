using System.Globalization;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>One line of the path: what to do, and the command that does it, if one does.</summary>
public sealed record PathStep(string Label, string Text, string? Command = null);

/// <summary>
/// What stands between a run that is not ready and READY, and the one run that can say READY: the command, the keys
/// it needs and what it costs. Derived once from the report (see <see cref="For"/>); every page renders it as it is.
/// </summary>
public sealed record PathToReady(string Summary, IReadOnlyList<PathStep> Steps)
{
    public const string WholeGate = "scripts/gate.sh";
    public const string RealApiGate = "scripts/gate.sh --real-apis";
    public const string RealApiGateWithKeys = "LLAMA_CLOUD_API_KEY=<key> OPENAI_API_KEY=<key> " + RealApiGate;
    public const string Rehearsal = RealApiGate + " --rehearse";
    public const string LenientGate = WholeGate + " --allow-not-verified";
    public const string Keys = "LLAMA_CLOUD_API_KEY and OPENAI_API_KEY in the environment, " +
                               "or --llamaparse-key-file <file> and --openai-key-file <file>; a key is never written to a report";
    private const int FailuresListed = 5;

    /// <summary>Null when the run is ready: there is no path to walk.</summary>
    public static PathToReady? For(ReadinessReport report)
    {
        if (report.Passed) return null;
        var steps = new List<PathStep>();
        steps.AddRange(report.Failures.Take(FailuresListed).Select(f => new PathStep("Fix first", f)));
        if (report.Failures.Count > FailuresListed)
            steps.Add(new PathStep("Fix first", $"{report.Failures.Count - FailuresListed} more, listed with the reasons"));

        var unverified = report.Criteria.Where(c => c.Blocks && c.Verdict is CriterionVerdict.NotVerified
            or CriterionVerdict.Rehearsed or CriterionVerdict.NotInSelection).ToList();
        var needsRealApis = report.Settings.Rehearsal || unverified.Any(c => c.Scenarios.Any(s => s.IsRealApi && s.Outcome != ScenarioOutcome.Failed));
        var shard = report.Settings.Selection?.Shard;

        if (shard is not null)
            steps.Add(new PathStep("Merge", $"this report is shard {shard}: the one verdict comes from merging every shard's report folder",
                "scripts/gate.sh merge <shard report folder>..."));
        else if (report.Verdict == GateVerdict.NotJudged)
            steps.Add(new PathStep("Run", "the gate again on a quieter machine (the CPU canary decides whether speed can be judged)",
                needsRealApis ? RealApiGateWithKeys : WholeGate));
        else if (needsRealApis)
            steps.Add(new PathStep("Run", "the whole gate in one run: the @real-api scenarios against the real LlamaParse and OpenAI, " +
                                          "then every other @gate scenario on the bundled mocks; one verdict", RealApiGateWithKeys));
        else
            steps.Add(new PathStep("Run", "the whole gate: every @gate scenario", WholeGate));

        if (needsRealApis && shard is null)
        {
            steps.Add(new PathStep("Keys", Keys));
            steps.Add(new PathStep("Estimated cost", Cost(report.CostEstimate)));
            if (!report.Settings.Rehearsal)
                steps.Add(new PathStep("Without keys", "rehearse that run against the bundled mocks first: same code path, budget " +
                                                       "and pre-flight estimate, nothing spent; its verdict is REHEARSAL, never READY", Rehearsal));
        }
        if (report.Verdict == GateVerdict.NotVerified && unverified.Any(c => c.Verdict == CriterionVerdict.NotVerified) && report.Settings.BlockOnNotVerified)
            steps.Add(new PathStep("Or", "accept criteria whose scenarios were all skipped as not verified (they stay listed as such)", LenientGate));
        return new PathToReady(SummaryOf(report, unverified, needsRealApis), steps);
    }

    private static string SummaryOf(ReadinessReport report, IReadOnlyList<CriterionReport> unverified, bool needsRealApis) => report.Verdict switch
    {
        GateVerdict.Fail => $"{Count(report.Failures.Count, "thing")} failed: fix {(report.Failures.Count == 1 ? "it" : "them")}, then run the whole gate again.",
        GateVerdict.NotJudged => "Nothing failed but on speed, on a machine too starved to judge speed.",
        GateVerdict.Rehearsal => "The rehearsal went through: with the keys, the same run against the real services can say READY.",
        _ when report.Settings.Selection?.Shard is { } shard =>
            $"Nothing failed in shard {shard}; {Count(unverified.Count, "criterion", "criteria")} lie outside its share, so only the merge of every shard can say READY.",
        _ when unverified.Count == 0 => "Nothing failed, but some @gate scenarios did not run.",
        _ => $"Nothing failed, but {Count(unverified.Count, "criterion", "criteria")} {(unverified.Count == 1 ? "is" : "are")} not verified" +
             (needsRealApis && unverified.All(c => c.Scenarios.Any(s => s.IsRealApi))
                 ? ": their scenarios need the real LlamaParse and OpenAI."
                 : "; one run of the whole gate verifies them."),
    };

    private static string Cost(RealApiEstimate? estimate) => estimate is null
        ? "the pre-flight estimate (cost-estimate.json) is made before anything is spent; a run estimated above its budget " +
          "does not start (defaults: LlamaParse $5, OpenAI $10; --budget-usd <amount> lowers both)"
        : $"about {Usd(estimate.TotalUsd)} (LlamaParse {Usd(estimate.LlamaParseUsd)} for {estimate.Pages} pages, OpenAI " +
          $"{Usd(estimate.OpenAiUsd)} for {estimate.EmbeddingTokens.ToString("N0", CultureInfo.InvariantCulture)} tokens; prices as of " +
          $"{estimate.PriceTableAsOf}), estimated before anything is spent; a run estimated above its budget (LlamaParse " +
          $"{Usd(estimate.LlamaParseBudgetUsd)}, OpenAI {Usd(estimate.OpenAiBudgetUsd)}; --budget-usd <amount> lowers both) does not start";

    private static string Count(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n} {many ?? one + "s"}";

    /// <summary>Dollars as the reports write them: cents, or the significant digits of a fraction of a cent.</summary>
    public static string Usd(decimal value) =>
        "$" + value.ToString(value < 0.01m && value != 0 ? "0.######" : "0.00##", CultureInfo.InvariantCulture);
}
