using Reqnroll.XunitV3Runner.Gherkin;
using Xunit.Sdk;
using Xunit.v3;

namespace Reqnroll.XunitV3Runner.Discovery;

/// <summary>Runs a feature's scenarios in the order they are written in the feature file.</summary>
public sealed class GherkinOrderOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(PositionInFeature).ToArray();

    private static (string, int) PositionInFeature<TTestCase>(TTestCase testCase) where TTestCase : notnull, ITestCase
    {
        if (testCase is not XunitTestCase { TestMethodArguments: [string featurePath, string scenarioId] } xunitCase)
            return ("", int.MaxValue);
        var feature = FeatureCatalog.For(xunitCase.TestClass.Class.Assembly).Get(featurePath);
        return (featurePath, feature.GetScenario(scenarioId).PickleIndex);
    }
}
