using Acceptance.Gate.Inventory;

namespace Acceptance.Gate.Results;

/// <summary>
/// Pairs inventory scenarios with the run's pickles: by file, scenario line and example row line
/// (resolved through the GherkinDocuments in the stream); when the stream lacks those documents,
/// by file, name and position among same-named pickles.
/// </summary>
public static class ResultMatcher
{
    public static IReadOnlyDictionary<InventoryScenario, ScenarioResult> Match(
        IReadOnlyList<InventoryScenario> inventory, RunResults results)
    {
        var byLocation = results.Scenarios
            .Where(r => r.ScenarioLine is not null)
            .GroupBy(r => (r.Uri, r.ScenarioLine, r.ExampleLine))
            .ToDictionary(g => g.Key, g => g.First());
        var byName = results.Scenarios
            .Where(r => r.ScenarioLine is null)
            .GroupBy(r => (r.Uri, r.Name))
            .ToDictionary(g => g.Key, g => new Queue<ScenarioResult>(g));

        var matches = new Dictionary<InventoryScenario, ScenarioResult>(ReferenceEqualityComparer.Instance);
        foreach (var scenario in inventory)
        {
            if (byLocation.TryGetValue((scenario.File, scenario.Line, scenario.ExampleLine), out var located))
                matches[scenario] = located;
            else if (byName.TryGetValue((scenario.File, scenario.Name), out var named) && named.TryDequeue(out var next))
                matches[scenario] = next;
        }
        return matches;
    }
}
