using Acceptance.Gate.Inventory;

namespace Acceptance.Gate.Sharding;

/// <summary>Which shard runs which features. A feature (all features sharing its title) is never split, so its hooks and order stay intact.</summary>
/// <param name="Features">Every selected feature title, in a stable order.</param>
/// <param name="Assignments">For each shard (index 0 is shard 1/n), the feature titles it runs.</param>
public sealed record ShardPlan(IReadOnlyList<string> Features, IReadOnlyList<IReadOnlyList<string>> Assignments, string BalancedBy)
{
    public int Count => Assignments.Count;

    public IReadOnlyList<string> FeaturesOf(int shard) => Assignments[shard - 1];

    /// <summary>
    /// Splits the selected scenarios' features into <paramref name="count"/> shards of about equal
    /// work: by the seconds each feature took in a previous run when known (a feature new since then
    /// counts its scenarios at that run's average), else by the number of scenarios. Deterministic:
    /// the heaviest feature goes first to the least loaded shard, ties broken by title and index.
    /// </summary>
    public static ShardPlan Create(IEnumerable<InventoryScenario> selected, int count, IReadOnlyDictionary<string, double>? previousSecondsPerFeature = null)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), "A gate has at least one shard.");
        var scenariosPerFeature = selected.GroupBy(s => s.Feature, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var known = previousSecondsPerFeature?.Where(p => scenariosPerFeature.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value) ?? [];
        var averagePerScenario = known.Count == 0 ? 1.0 : known.Sum(k => k.Value) / known.Sum(k => scenariosPerFeature[k.Key]);
        double Weight(string feature) => known.TryGetValue(feature, out var seconds) ? seconds : scenariosPerFeature[feature] * averagePerScenario;

        var features = scenariosPerFeature.Keys.Order(StringComparer.Ordinal).ToList();
        var shards = Enumerable.Range(0, count).Select(_ => new List<string>()).ToList();
        var load = new double[count];
        foreach (var feature in features.OrderByDescending(Weight).ThenBy(f => f, StringComparer.Ordinal))
        {
            var lightest = Enumerable.Range(0, count).MinBy(i => (load[i], i));
            shards[lightest].Add(feature);
            load[lightest] += Weight(feature);
        }
        return new ShardPlan(features, shards.Select(s => (IReadOnlyList<string>)s.Order(StringComparer.Ordinal).ToList()).ToList(),
            known.Count > 0 ? "durations of the previous run" : "number of scenarios");
    }
}
