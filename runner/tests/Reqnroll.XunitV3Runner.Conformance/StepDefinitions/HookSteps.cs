using Reqnroll;
using Xunit;

namespace Conformance.StepDefinitions;

[Binding]
public sealed class HookSteps(ScenarioContext scenario)
{
    [Then("the hook journal shows the scenario started")]
    public void ThenTheJournalShowsTheScenarioStarted()
    {
        var journal = HookJournal.Snapshot.ToList();
        Assert.Equal("BeforeTestRun", journal[0]);
        Assert.Contains("BeforeFeature:Hooks", journal);
        Assert.Contains($"BeforeScenario:{scenario.ScenarioInfo.Title}", journal);
        Assert.Contains("AfterStep:a counter at 1", journal);
    }
}
