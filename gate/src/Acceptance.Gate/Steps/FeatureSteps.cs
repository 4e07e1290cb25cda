using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace Acceptance.Gate.Steps;

/// <summary>One step as a scenario runs it (background steps included, outline values filled in), located in its file.</summary>
/// <param name="Keyword">Given, When or Then as Reqnroll resolves it (And/But take the keyword before them); null for "*".</param>
public sealed record FeatureStep(string File, int Line, string? Keyword, string Text, string Scenario);

/// <summary>Every step of every feature file, read the way Gherkin compiles them into pickles.</summary>
public static class FeatureSteps
{
    /// <summary>Reads every .feature under <paramref name="featuresRoot"/>; files that do not parse are left to the tag linter.</summary>
    public static IReadOnlyList<FeatureStep> Load(string featuresRoot, string? repositoryRoot = null)
    {
        var root = Path.GetFullPath(repositoryRoot ?? Path.GetDirectoryName(Path.GetFullPath(featuresRoot))!);
        return Directory.EnumerateFiles(featuresRoot, "*.feature", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => Parse(Path.GetRelativePath(root, file).Replace('\\', '/'), File.ReadAllText(file)))
            .ToList();
    }

    public static IReadOnlyList<FeatureStep> Parse(string relativePath, string text)
    {
        GherkinDocument document;
        var ids = new Inventory.SequentialIdGenerator();
        try
        {
            document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(new Parser().Parse(new StringReader(text)), relativePath);
        }
        catch (ParserException)
        {
            return [];
        }
        if (document.Feature is null)
            return [];
        var lines = StepLines(document.Feature);
        return new PickleCompiler(ids).Compile(document)
            .SelectMany(pickle => pickle.Steps.Select(step => new FeatureStep(
                relativePath, lines[step.AstNodeIds[0]], Keyword(step.Type), step.Text, pickle.Name)))
            .Distinct()
            .ToList();
    }

    private static string? Keyword(PickleStepType? type) => type switch
    {
        PickleStepType.CONTEXT => "Given",
        PickleStepType.ACTION => "When",
        PickleStepType.OUTCOME => "Then",
        _ => null,
    };

    private static Dictionary<string, int> StepLines(Feature feature)
    {
        var lines = new Dictionary<string, int>();
        void Add(IEnumerable<Step> steps)
        {
            foreach (var step in steps)
                lines[step.Id] = (int)step.Location.Line;
        }
        void AddChildren(IEnumerable<Background?> backgrounds, IEnumerable<Scenario?> scenarios)
        {
            foreach (var background in backgrounds.OfType<Background>())
                Add(background.Steps);
            foreach (var scenario in scenarios.OfType<Scenario>())
                Add(scenario.Steps);
        }
        AddChildren(feature.Children.Select(c => c.Background), feature.Children.Select(c => c.Scenario));
        foreach (var rule in feature.Children.Select(c => c.Rule).OfType<Rule>())
            AddChildren(rule.Children.Select(c => c.Background), rule.Children.Select(c => c.Scenario));
        return lines;
    }
}
