using Reqnroll.XunitV3Runner.Discovery;
using Reqnroll.XunitV3Runner.Execution;
using Xunit;

namespace Reqnroll.XunitV3Runner;

/// <summary>
/// The xUnit entry point for every scenario of the test assembly. The build targets add one
/// sealed subclass to the test project; its single method is expanded into one test per pickle.
/// </summary>
[TestCaseOrderer(typeof(GherkinOrderOrderer))]
public abstract class ReqnrollFeatureTests : IClassFixture<FeatureLifetime>
{
    [ReqnrollScenarios]
    public Task Scenario(string featurePath, string scenarioId) =>
        ScenarioExecutor.RunAsync(GetType().Assembly, featurePath, scenarioId);
}
