using Io.Cucumber.Messages.Types;

namespace Acceptance.Gate.Inventory;

/// <summary>
/// Looks up the AST nodes a pickle points at (scenario, example row, tags) in the
/// GherkinDocument it was compiled from.
/// </summary>
internal sealed class FeatureIndex
{
    private readonly Dictionary<string, (Scenario Scenario, string? Rule)> _scenarios = new();
    private readonly Dictionary<string, (TableRow Row, TableRow? Header)> _rows = new();
    private readonly Dictionary<string, int> _tagLines = new();

    public FeatureIndex(Feature feature)
    {
        AddTags(feature.Tags);
        foreach (var child in feature.Children)
        {
            if (child.Scenario is { } scenario)
                AddScenario(scenario, rule: null);
            if (child.Rule is { } rule)
            {
                AddTags(rule.Tags);
                foreach (var ruleChild in rule.Children)
                    if (ruleChild.Scenario is { } ruleScenario)
                        AddScenario(ruleScenario, rule.Name);
            }
        }
    }

    public (Scenario Scenario, string? Rule) ScenarioOf(Pickle pickle) => _scenarios[pickle.AstNodeIds[0]];

    public (TableRow Row, TableRow? Header)? ExampleRowOf(Pickle pickle) =>
        pickle.AstNodeIds.Count > 1 && _rows.TryGetValue(pickle.AstNodeIds[1], out var row) ? row : null;

    public int TagLine(PickleTag tag) => _tagLines.TryGetValue(tag.AstNodeId, out var line) ? line : 0;

    private void AddScenario(Scenario scenario, string? rule)
    {
        _scenarios[scenario.Id] = (scenario, rule);
        AddTags(scenario.Tags);
        foreach (var examples in scenario.Examples)
        {
            AddTags(examples.Tags);
            foreach (var row in examples.TableBody)
                _rows[row.Id] = (row, examples.TableHeader);
        }
    }

    private void AddTags(IEnumerable<Tag> tags)
    {
        foreach (var tag in tags)
            _tagLines[tag.Id] = (int)tag.Location.Line;
    }
}
