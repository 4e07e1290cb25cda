using Reqnroll.XunitV3Runner.Gherkin;
using Xunit.Sdk;
using Xunit.v3;

namespace Reqnroll.XunitV3Runner.Discovery;

/// <summary>
/// Expands the runner's single test method into one xUnit test case per Gherkin pickle. Each
/// feature gets its own test collection, so features run in parallel while the scenarios of one
/// feature run in order on one Reqnroll test runner, as Reqnroll's generated classes do.
/// </summary>
public sealed class ScenarioDiscoverer : IXunitTestCaseDiscoverer
{
    public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        var catalog = FeatureCatalog.For(testMethod.TestClass.Class.Assembly);
        var settings = RunnerSettings.Load();
        var testCases = new List<IXunitTestCase>();

        foreach (var feature in catalog.Features)
        {
            var featureMethod = MethodForFeature(testMethod, $"Feature: {feature.Title} [{feature.Path}]", settings.IsNonParallelizable(feature.Tags));
            testCases.AddRange(feature.Scenarios.Select(scenario => CreateTestCase(featureMethod, feature, scenario)));
        }

        foreach (var error in catalog.ParseErrors)
        {
            var errorMethod = MethodForFeature(testMethod, $"Feature file [{error.Path}]", disableParallelization: false);
            testCases.Add(new ExecutionErrorTestCase(
                errorMethod, $"{error.Path} could not be parsed", StableIds.Hash($"parse-error|{error.Path}"),
                error.Path, null, $"Gherkin syntax error in {error.Path}: {error.Message}"));
        }

        return new(testCases);
    }

    private static XunitTestMethod MethodForFeature(IXunitTestMethod testMethod, string collectionName, bool disableParallelization)
    {
        var collection = new XunitTestCollection(
            testMethod.TestClass.TestCollection.TestAssembly, null, disableParallelization, collectionName);
        var testClass = new XunitTestClass(testMethod.TestClass.Class, collection);
        return new XunitTestMethod(testClass, testMethod.Method, []);
    }

    private static XunitTestCase CreateTestCase(XunitTestMethod method, FeatureDocument feature, ScenarioDescriptor scenario)
    {
        var traits = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["FeatureTitle"] = [feature.Title],
        };
        if (scenario.AllTags.Any())
            traits["Category"] = scenario.AllTags.ToHashSet(StringComparer.Ordinal);
        if (scenario.Rule is not null)
            traits["Rule"] = [scenario.Rule.Name];

        return new XunitTestCase(
            method, scenario.DisplayName, scenario.Id, @explicit: false,
            traits: traits,
            testMethodArguments: [feature.Path, scenario.Id],
            sourceFilePath: feature.Path,
            sourceLineNumber: (int)scenario.Line);
    }
}
