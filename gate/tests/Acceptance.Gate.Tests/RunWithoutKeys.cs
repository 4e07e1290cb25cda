using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Tests;

/// <summary>
/// The usual run without keys, over the fixture repository: everything passed, the three @real-api scenarios skipped for
/// want of keys, with a pre-flight cost estimate. The path-to-READY tests and the browser tests judge the same run.
/// </summary>
internal static class RunWithoutKeys
{
    public const string NoKeys = "not verified: no LLAMA_CLOUD_API_KEY / OPENAI_API_KEY";
    public static readonly RealApiEstimate Estimate = new("2026-12-01", 9, 2053, 0.03375m, 0.00004106m, 5m, 10m);

    /// <summary>How the reports write <see cref="Estimate"/>'s total.</summary>
    public const string EstimatedCost = "about $0.0338";

    public static ReadinessReport Report() => ReadinessEvaluator.Evaluate(GateScenario.Inventory,
        GateScenario.Run((run, s) => s.HasTag("@real-api") && run.Skip(s, NoKeys) is not null), [], GateScenario.Settings,
        GateScenario.Identity, costEstimate: Estimate);
}
