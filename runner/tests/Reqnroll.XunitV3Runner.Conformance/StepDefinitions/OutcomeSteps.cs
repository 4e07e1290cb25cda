using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Conformance.StepDefinitions;

[Binding]
public sealed class OutcomeSteps(IUnitTestRuntimeProvider runtime)
{
    [When("a step is still pending")]
    public void WhenAStepIsStillPending() => throw new PendingStepException();

    [Given("a step that two bindings claim")]
    public void FirstClaim() { }

    [Given("a step that two bindings claim")]
    public void SecondClaim() { }

    [When("the scenario needs an API key that is absent")]
    public void WhenTheScenarioNeedsAnAbsentKey() => runtime.TestIgnore("needs OPENAI_API_KEY, which is not configured");
}
