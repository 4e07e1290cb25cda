using Acceptance.Gate.Inventory;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// Which scenarios a run set out to run: any of <see cref="Tags"/>, none of <see cref="ExcludedTags"/>, and not in
/// <see cref="ExcludedFeatures"/> (the other shards' features). A scenario outside it is "not in this selection",
/// which says nothing about the scenario; inside it, a scenario that did not run is a gap of the run.
/// </summary>
/// <param name="Shard">"i/n" when this run is one shard of a sharded gate.</param>
public sealed record ScenarioSelection(
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> ExcludedTags,
    IReadOnlyList<string> ExcludedFeatures,
    string? Shard = null)
{
    public bool Includes(InventoryScenario scenario) =>
        Tags.Any(t => scenario.HasTag("@" + t))
        && !ExcludedTags.Any(t => scenario.HasTag("@" + t))
        && !ExcludedFeatures.Contains(scenario.Feature, StringComparer.Ordinal);

    /// <summary>How the selection reads in a report: "--tags smoke", "shard 2/4 of --tags gate".</summary>
    public override string ToString() =>
        (Shard is null ? "" : $"shard {Shard} of ") + $"--tags {string.Join(",", Tags)}";
}
