using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;

namespace Acceptance.Gate.Inventory;

/// <summary>Every scenario the feature files define, whether or not a run executed it.</summary>
public sealed class GherkinInventory
{
    public GherkinInventory(IReadOnlyList<InventoryScenario> scenarios, IReadOnlyList<InventoryProblem> problems)
    {
        Scenarios = scenarios;
        Problems = problems;
    }

    public IReadOnlyList<InventoryScenario> Scenarios { get; }

    /// <summary>Feature files that could not be parsed; their scenarios are missing from <see cref="Scenarios"/>.</summary>
    public IReadOnlyList<InventoryProblem> Problems { get; }

    /// <summary>
    /// Reads every .feature file under <paramref name="featuresRoot"/>. Paths are made relative to
    /// <paramref name="repositoryRoot"/> (default: the parent of the features folder), which is how
    /// the runner writes pickle uris ("Features/…/X.feature").
    /// </summary>
    public static GherkinInventory Load(string featuresRoot, string? repositoryRoot = null)
    {
        var root = Path.GetFullPath(repositoryRoot ?? Path.GetDirectoryName(Path.GetFullPath(featuresRoot))!);
        var scenarios = new List<InventoryScenario>();
        var problems = new List<InventoryProblem>();
        var files = Directory.EnumerateFiles(featuresRoot, "*.feature", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var parsed = Parse(relative, File.ReadAllText(file));
            scenarios.AddRange(parsed.Scenarios);
            problems.AddRange(parsed.Problems);
        }
        return new GherkinInventory(scenarios, problems);
    }

    /// <summary>Parses one feature file's text; <paramref name="relativePath"/> becomes each scenario's File.</summary>
    public static GherkinInventory Parse(string relativePath, string text)
    {
        try
        {
            return new GherkinInventory(Compile(relativePath, text), []);
        }
        catch (CompositeParserException failure)
        {
            var problems = failure.Errors
                .Select(e => new InventoryProblem(relativePath, e.Location?.Line ?? 0, e.Message))
                .ToList();
            return new GherkinInventory([], problems);
        }
        catch (ParserException failure)
        {
            return new GherkinInventory([], [new InventoryProblem(relativePath, failure.Location?.Line ?? 0, failure.Message)]);
        }
    }

    private static List<InventoryScenario> Compile(string relativePath, string text)
    {
        var ids = new SequentialIdGenerator();
        var ast = new Parser().Parse(new StringReader(text));
        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, relativePath);
        if (document.Feature is null)
            return [];
        var index = new FeatureIndex(document.Feature);
        return new PickleCompiler(ids).Compile(document).Select(pickle =>
        {
            var (scenario, rule) = index.ScenarioOf(pickle);
            var example = index.ExampleRowOf(pickle);
            var values = example is { Header: { } header, Row: var row }
                ? header.Cells.Zip(row.Cells, (h, c) => new KeyValuePair<string, string>(h.Value, c.Value)).ToList()
                : [];
            return new InventoryScenario(
                relativePath,
                document.Feature.Name,
                rule,
                pickle.Name,
                values,
                (int)scenario.Location.Line,
                example is { Row: var exampleRow } ? (int)exampleRow.Location.Line : null,
                pickle.Tags.Select(t => new ScenarioTag(t.Name, index.TagLine(t))).ToList());
        }).ToList();
    }
}
