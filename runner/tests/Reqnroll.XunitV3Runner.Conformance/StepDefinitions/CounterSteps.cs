using Reqnroll;
using Xunit;

namespace Conformance.StepDefinitions;

[Binding]
public sealed class CounterSteps(Counter counter)
{
    [Given("a counter at {int}")]
    public void GivenACounterAt(int start) => counter.Value = start;

    [When("the counter is increased by {int}")]
    [Given("the counter is increased by {int}")]
    public void IncreaseBy(int increment) => counter.Value += increment;

    [Then("the counter reads {int}")]
    public void ThenTheCounterReads(int expected) => Assert.Equal(expected, counter.Value);
}
