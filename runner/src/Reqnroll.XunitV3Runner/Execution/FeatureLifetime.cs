using Xunit;
using Xunit.v3;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>
/// Lives as long as one feature's test class (each feature is its own xUnit test class); when
/// xUnit disposes it, the feature ends and its [AfterFeature] hooks run.
/// </summary>
public sealed class FeatureLifetime : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        var testClass = TestContext.Current.TestClass;
        if (testClass is IXunitTestClass { Class: var type })
            await ScenarioExecutor.EndFeatureOfTestClassAsync(type.Assembly, testClass.UniqueID);
    }
}
