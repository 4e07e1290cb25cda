using Acceptance.Gate.Criteria;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>The gate's decision and everything a stakeholder needs to believe it.</summary>
public sealed record ReadinessReport(
    GateVerdict Verdict,
    IReadOnlyList<string> Reasons,
    RunIdentity Run,
    RunTotals Totals,
    IReadOnlyList<CriterionReport> Criteria,
    IReadOnlyList<CompletenessIssue> Completeness,
    IReadOnlyList<QuarantineEntry> Quarantines,
    IReadOnlyList<LintError> LintErrors,
    IReadOnlyList<string> RunFailures,
    IReadOnlyList<BaselineComparison> Baselines,
    IReadOnlyList<ScenarioReport> Scenarios,
    ReadinessSettings Settings,
    IReadOnlyList<string>? Failures = null,
    RealApiEstimate? CostEstimate = null,
    IReadOnlyList<ShardSummary>? Shards = null)
{
    public bool Passed => Verdict == GateVerdict.Pass;

    /// <summary>The reasons that are failures (the rest: not verified, rehearsed, not judged); none unless the verdict is Fail.</summary>
    public IReadOnlyList<string> Failures { get; init; } = Failures ?? [];

    /// <summary>What would make this run ready, derived from the rest of the report; null when it is ready.</summary>
    public PathToReady? PathToReady => Readiness.PathToReady.For(this);
}

/// <summary>One shard of a merged gate: its report folder, its share, how many scenarios it ran and how they ended.</summary>
public sealed record ShardSummary(string Share, string? Folder, int Scenarios, string Outcome);

public sealed record RunTotals(int Scenarios, int Passed, int Failed, int Skipped, int NotRun, int NotJudged = 0);

/// <summary>One criterion's row in the matrix. <see cref="Blocks"/> says whether it fails the gate.</summary>
public sealed record CriterionReport(
    Criterion Criterion,
    CriterionVerdict Verdict,
    string? Reason,
    bool QuarantinedOnly,
    bool Blocks,
    IReadOnlyList<ScenarioReport> Scenarios);

/// <summary>A scenario as the report shows it; <see cref="Why"/> explains any outcome but a pass.</summary>
public sealed record ScenarioReport(
    string File,
    int Line,
    string Feature,
    string? Rule,
    string Name,
    string? CriterionId,
    bool IsGate,
    bool IsQuarantined,
    IReadOnlyList<string> Tags,
    ScenarioOutcome Outcome,
    string? Why,
    TimeSpan Duration,
    int Attempts,
    IReadOnlyList<string> Evidence,
    string ReportLink,
    string? FailureType = null,
    string? FailedStep = null,
    bool InSelection = true)
{
    public string Location => $"{File}:{Line}";

    /// <summary>Runs against the real LlamaParse and OpenAI in real-API mode (against the mocks in a rehearsal).</summary>
    public bool IsRealApi => Tags.Any(t => t.Equals(Inventory.GateTags.RealApi, StringComparison.OrdinalIgnoreCase));

    /// <summary>Being written (@wip) or switched off (@ignore): such a scenario proves nothing.</summary>
    public bool IsSwitchedOff => Tags.Any(t => t.Equals("@wip", StringComparison.OrdinalIgnoreCase) || t.Equals("@ignore", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A gate scenario that did not run, or whose last attempt did not pass.</summary>
public sealed record CompletenessIssue(ScenarioReport Scenario, string Why, bool Blocks);

public sealed record QuarantineEntry(
    string File,
    int Line,
    string Scenario,
    string? Owner,
    DateOnly? Expires,
    ScenarioOutcome Outcome,
    bool Expired);

/// <summary>A performance figure a scenario attached, e.g. a stage's p95 latency.</summary>
/// <param name="RegressionPercent">This metric's own regression threshold (e.g. a p95 or peak memory), instead of the run's.</param>
/// <param name="Blocking">A regression of this metric fails the gate even when regressions are otherwise only reported.</param>
public sealed record BaselineMetric(string Name, double Value, string Unit, string Better, string Scenario,
    double? RegressionPercent = null, bool Blocking = false)
{
    public const string LowerIsBetter = "lower";
    public const string HigherIsBetter = "higher";
}

/// <summary>A baseline of this run beside the previous run's, when one was given.</summary>
public sealed record BaselineComparison(
    string Name,
    double Value,
    string Unit,
    string Better,
    string Scenario,
    double? Previous,
    double? DeltaPercent,
    bool Regressed,
    double? ThresholdPercent = null,
    bool Blocking = false);
