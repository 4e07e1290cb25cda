using Reqnroll;
using Xunit;

namespace BenchmarkSuite.StepDefinitions;

/// <summary>
/// Deliberately trivial bindings: the benchmark measures the runner and Reqnroll around a step,
/// so the step itself should cost next to nothing. The Then still asserts, so a broken
/// argument conversion or step order fails the run instead of producing a misleading figure.
/// </summary>
[Binding]
public sealed class WorkloadSteps(Tally tally)
{
    [Given("a tally starting at {int}")]
    public Task StartAt(int start)
    {
        tally.Value = start;
        return Task.CompletedTask;
    }

    [When("the tally grows by {int}")]
    public Task GrowBy(int growth)
    {
        tally.Value += growth;
        return Task.CompletedTask;
    }

    [Then("the tally reads {int}")]
    public Task TallyReads(int expected)
    {
        Assert.Equal(expected, tally.Value);
        return Task.CompletedTask;
    }
}
