using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;

namespace Acceptance.Gate.Sharding;

/// <summary>Turns "--shard i/n" into the features this agent runs, and records the plan in the run folder for the merge.</summary>
public static class ShardRun
{
    /// <summary>The options that run only this shard's features, and the inventory of those features.</summary>
    public static (GateOptions Options, GherkinInventory Inventory, ShardManifest Manifest) Prepare(
        GateOptions options, ShardSpec shard, GherkinInventory inventory, string? previousReadiness, string commit, string runFolder)
    {
        var selected = inventory.Scenarios.Where(s => options.Tags.Any(t => s.HasTag("@" + t)) && !options.ExcludedTags.Any(t => s.HasTag("@" + t)));
        var plan = ShardPlan.Create(selected, shard.Count, previousReadiness is null ? null : PreviousDurations.PerFeature(previousReadiness));
        var mine = plan.FeaturesOf(shard.Index);
        var manifest = new ShardManifest(commit, shard.Index, shard.Count, options.Tags, options.ExcludedTags, plan.Features, mine, plan.BalancedBy);
        manifest.Write(runFolder);
        var others = inventory.Scenarios.Select(s => s.Feature).Distinct(StringComparer.Ordinal).Except(mine).ToList();
        return (options with { ExcludedFeatures = others },
            new GherkinInventory(inventory.Scenarios.Where(s => mine.Contains(s.Feature)).ToList(), inventory.Problems),
            manifest);
    }
}
