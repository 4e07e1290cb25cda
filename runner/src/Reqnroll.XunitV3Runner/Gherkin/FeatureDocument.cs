using System.Collections.Specialized;
using System.Globalization;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.RuntimeSupport;
using GherkinParser = Gherkin.Parser;

namespace Reqnroll.XunitV3Runner.Gherkin;

/// <summary>
/// A parsed feature file: its Cucumber messages (source, document, pickles) for Reqnroll's
/// formatters, and one <see cref="ScenarioDescriptor"/> per pickle for xUnit.
/// </summary>
internal sealed class FeatureDocument : IFeatureLevelCucumberMessages
{
    private readonly Lazy<FeatureInfo> _featureInfo;
    private readonly Dictionary<string, ScenarioDescriptor> _scenariosById;

    private FeatureDocument(string path, Source source, GherkinDocument document, IReadOnlyList<Pickle> pickles)
    {
        Path = path;
        Source = source;
        GherkinDocument = document;
        PickleList = pickles;
        var feature = document.Feature!;
        Title = feature.Name;
        Tags = feature.Tags.Select(t => TagName(t.Name)).ToArray();
        Scenarios = new ScenarioIndex(this, feature).Describe(pickles);
        _scenariosById = Scenarios.ToDictionary(s => s.Id);
        // Reqnroll compares FeatureInfo by reference, so each feature has exactly one.
        _featureInfo = new(() => new FeatureInfo(
            new CultureInfo(feature.Language), System.IO.Path.GetDirectoryName(path) ?? "", feature.Name,
            feature.Description, ProgrammingLanguage.CSharp, Tags.ToArray(), this));
    }

    public string Path { get; }
    public string Title { get; }
    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<ScenarioDescriptor> Scenarios { get; }
    public FeatureInfo FeatureInfo => _featureInfo.Value;

    public Source Source { get; }
    public GherkinDocument GherkinDocument { get; }
    public IEnumerable<Pickle> Pickles => PickleList;
    public bool HasMessages => true;
    private IReadOnlyList<Pickle> PickleList { get; }

    public ScenarioDescriptor GetScenario(string id) =>
        _scenariosById.TryGetValue(id, out var scenario)
            ? scenario
            : throw new InvalidOperationException(
                $"Scenario '{id}' is no longer in '{Path}'. The feature file changed since discovery; rebuild and discover again.");

    public static FeatureDocument Parse(string path, string text)
    {
        var ids = new FeatureScopedIdGenerator(path);
        var ast = new GherkinParser().Parse(new StringReader(text));
        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, path);
        if (document.Feature is null)
            throw new InvalidOperationException($"'{path}' has no Feature.");
        var pickles = new PickleCompiler(ids).Compile(document);
        var source = new Source(path, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        return new FeatureDocument(path, source, document, pickles);
    }

    internal static string TagName(string tag) => tag.StartsWith('@') ? tag[1..] : tag;

    internal OrderedDictionary ArgumentsOf(ScenarioDescriptor scenario)
    {
        var arguments = new OrderedDictionary();
        foreach (var (name, value) in scenario.ExampleValues)
            arguments[name] = value;
        return arguments;
    }
}
