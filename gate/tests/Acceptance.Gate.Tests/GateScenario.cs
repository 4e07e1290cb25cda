using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Tests;

/// <summary>The fixture repository (every criterion covered once, plus extras) and runs over it.</summary>
internal static class GateScenario
{
    public static readonly GherkinInventory Inventory = GherkinInventory.Load(FixturePaths.Of("repo", "Features"));

    public static readonly RunIdentity Identity = new("abc1234", "main", "local", "ci-01", null, null,
        new Dictionary<string, string> { ["OpenAI:ApiKey"] = "sk-test-0123456789", ["Target"] = "local" });

    public static readonly ReadinessSettings Settings = new() { Today = FixturePaths.Today };

    public static InventoryScenario Named(string name) => Inventory.Scenarios.Single(s => s.Name == name);

    /// <summary>A run where everything that should run passed, except what <paramref name="change"/> says.</summary>
    public static RunResults Run(Func<FakeRun, InventoryScenario, bool>? change = null, bool finish = true)
    {
        var run = new FakeRun();
        foreach (var scenario in Inventory.Scenarios.Where(s => !s.IsWorkInProgress))
            if (change is null || !change(run, scenario))
                run.Pass(scenario);
        return finish ? run.Finish().ToResults() : run.ToResults();
    }

    public static ReadinessReport Evaluate(RunResults results, ReadinessSettings? settings = null,
        IReadOnlyList<LintError>? lint = null, GherkinInventory? inventory = null) =>
        ReadinessEvaluator.Evaluate(inventory ?? Inventory, results, lint ?? [], settings ?? Settings, Identity);
}
