using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;

namespace Acceptance.Gate.Sharding;

/// <summary>Turns "--shard i/n" into the features this agent runs, and records the plan in the run folder for the merge.</summary>
public static class ShardRun
{
    /// <summary>The options that run only this shard's features (the others are "not in this selection" in its report).</summary>
    public static (GateOptions Options, ShardManifest Manifest) Prepare(
        GateOptions options, ShardSpec shard, GherkinInventory inventory, string? previousReadiness, string commit, string runFolder)
    {
        var selected = inventory.Scenarios.Where(options.Selection.Includes);
        var plan = ShardPlan.Create(selected, shard.Count, previousReadiness is null ? null : PreviousDurations.PerFeature(previousReadiness));
        var mine = plan.FeaturesOf(shard.Index);
        var manifest = new ShardManifest(commit, shard.Index, shard.Count, options.Tags, options.ExcludedTags, plan.Features, mine, plan.BalancedBy, options.Target,
            Rehearsal: options.RealApis && options.Rehearse);
        manifest.Write(runFolder);
        var others = inventory.Scenarios.Select(s => s.Feature).Distinct(StringComparer.Ordinal).Except(mine).ToList();
        return (options with { ExcludedFeatures = others }, manifest);
    }
}
