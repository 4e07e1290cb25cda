using Reqnroll;
using Xunit;

namespace Conformance.StepDefinitions;

[Binding]
public sealed class OrderSteps(FeatureContext feature)
{
    [Given("this scenario is number {int} of its feature")]
    public void GivenThisScenarioIsNumber(int expected)
    {
        var started = feature.TryGetValue("started", out int count) ? count + 1 : 1;
        feature["started"] = started;
        Assert.Equal(expected, started);
    }
}
