using Gherkin;
using Io.Cucumber.Messages.Types;
using StepKeywordType = Io.Cucumber.Messages.Types.StepKeywordType;

namespace Reqnroll.XunitV3Runner.Gherkin;

/// <summary>
/// Walks a feature's AST once so every pickle can be traced back to its rule, scenario,
/// examples row and step keywords (pickles only carry AST node ids).
/// </summary>
internal sealed class ScenarioIndex
{
    private readonly FeatureDocument _document;
    private readonly Feature _feature;
    private readonly GherkinDialect _dialect;
    private readonly Dictionary<string, (Scenario Scenario, Rule? Rule)> _scenarios = new();
    private readonly Dictionary<string, (Examples Examples, TableRow Row)> _exampleRows = new();
    private readonly Dictionary<string, Step> _steps = new();

    public ScenarioIndex(FeatureDocument document, Feature feature)
    {
        _document = document;
        _feature = feature;
        _dialect = new GherkinDialectProvider("en").GetDialect(feature.Language, null);
        foreach (var child in feature.Children)
        {
            if (child.Background is { } background) AddSteps(background.Steps);
            if (child.Scenario is { } scenario) AddScenario(scenario, null);
            if (child.Rule is { } rule)
            {
                foreach (var ruleChild in rule.Children)
                {
                    if (ruleChild.Background is { } ruleBackground) AddSteps(ruleBackground.Steps);
                    if (ruleChild.Scenario is { } ruleScenario) AddScenario(ruleScenario, rule);
                }
            }
        }
    }

    public IReadOnlyList<ScenarioDescriptor> Describe(IReadOnlyList<Pickle> pickles)
    {
        var seenKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        return pickles.Select((pickle, index) => Describe(pickle, index, seenKeys)).ToArray();
    }

    private ScenarioDescriptor Describe(Pickle pickle, int index, Dictionary<string, int> seenKeys)
    {
        var (scenario, rule) = _scenarios[pickle.AstNodeIds[0]];
        var example = pickle.AstNodeIds.Count > 1 ? _exampleRows[pickle.AstNodeIds[1]] : default;
        var exampleValues = example.Row is null
            ? []
            : example.Examples.TableHeader!.Cells.Zip(example.Row.Cells, (h, c) => new KeyValuePair<string, string>(h.Value, c.Value)).ToArray();

        var path = new List<string> { _feature.Name };
        if (rule is not null) path.Add(rule.Name);
        path.Add(pickle.Name);
        var displayName = string.Join(" › ", path)
            + (exampleValues.Length == 0 ? "" : $" ({string.Join(", ", exampleValues.Select(v => $"{v.Key}: {v.Value}"))})");

        // Identity from names, not positions: adding a scenario above must not rename the others.
        var key = $"{_document.Path}|{rule?.Name}|{pickle.Name}|{string.Join("|", exampleValues.Select(v => v.Value))}";
        var occurrence = seenKeys[key] = seenKeys.GetValueOrDefault(key) + 1;
        var id = StableIds.Hash($"{key}#{occurrence}");

        var ownTags = scenario.Tags.Concat(example.Examples?.Tags ?? []).Select(t => FeatureDocument.TagName(t.Name)).ToArray();
        var inheritedTags = _feature.Tags.Concat(rule?.Tags ?? []).Select(t => FeatureDocument.TagName(t.Name)).ToArray();

        return new ScenarioDescriptor(
            id, index, pickle, displayName, pickle.Name, scenario.Description, rule, ownTags, inheritedTags,
            exampleValues, pickle.Steps.Select(ToStepCall).ToArray(), example.Row?.Location.Line ?? scenario.Location.Line);
    }

    private StepCall ToStepCall(PickleStep pickleStep)
    {
        var astStep = _steps[pickleStep.AstNodeIds[0]];
        var keyword = astStep.KeywordType switch
        {
            StepKeywordType.CONTEXT => StepKeyword.Given,
            StepKeywordType.ACTION => StepKeyword.When,
            StepKeywordType.OUTCOME => StepKeyword.Then,
            _ when _dialect.ButStepKeywords.Contains(astStep.Keyword) => StepKeyword.But,
            _ => StepKeyword.And,
        };
        return new StepCall(keyword, astStep.Keyword, pickleStep);
    }

    private void AddScenario(Scenario scenario, Rule? rule)
    {
        _scenarios[scenario.Id] = (scenario, rule);
        AddSteps(scenario.Steps);
        foreach (var examples in scenario.Examples)
            foreach (var row in examples.TableBody)
                _exampleRows[row.Id] = (examples, row);
    }

    private void AddSteps(IEnumerable<Step> steps)
    {
        foreach (var step in steps) _steps[step.Id] = step;
    }
}
