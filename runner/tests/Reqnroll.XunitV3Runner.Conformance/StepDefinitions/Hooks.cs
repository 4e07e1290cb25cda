using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Conformance.StepDefinitions;

[Binding]
public sealed class Hooks
{
    [BeforeTestRun(Order = 1)]
    public static void BeforeTestRun() => HookJournal.Record("BeforeTestRun");

    [AfterTestRun(Order = 1)]
    public static void AfterTestRun()
    {
        HookJournal.Record("AfterTestRun");
        HookJournal.Save();
    }

    [BeforeFeature(Order = 1)]
    public static void BeforeFeature(FeatureContext feature) => HookJournal.Record($"BeforeFeature:{feature.FeatureInfo.Title}");

    [AfterFeature(Order = 1)]
    public static void AfterFeature(FeatureContext feature) => HookJournal.Record($"AfterFeature:{feature.FeatureInfo.Title}");

    [BeforeFeature("fail-before-feature", Order = 2)]
    public static void FailingBeforeFeature() => throw new InvalidOperationException("before-feature hook broke on purpose");

    [BeforeScenario(Order = 1)]
    public void BeforeScenario(ScenarioContext scenario) => HookJournal.Record($"BeforeScenario:{scenario.ScenarioInfo.Title}");

    [AfterScenario(Order = 1)]
    public void AfterScenario(ScenarioContext scenario) => HookJournal.Record($"AfterScenario:{scenario.ScenarioInfo.Title}");

    [BeforeScenario("fail-before-scenario", Order = 2)]
    public void FailingBeforeScenario() => throw new InvalidOperationException("before-scenario hook broke on purpose");

    [BeforeScenario("skip-in-before-scenario", Order = 2)]
    public void SkippingBeforeScenario(IUnitTestRuntimeProvider runtime) => runtime.TestIgnore("needs LLAMA_CLOUD_API_KEY, which is not configured");

    [AfterScenario("fail-after-scenario", Order = 2)]
    public void FailingAfterScenario() => throw new InvalidOperationException("after-scenario hook broke on purpose");

    [BeforeStep("hooks")]
    public void BeforeStep(ScenarioContext scenario) => HookJournal.Record($"BeforeStep:{scenario.StepContext.StepInfo.Text}");

    [AfterStep("hooks")]
    public void AfterStep(ScenarioContext scenario) => HookJournal.Record($"AfterStep:{scenario.StepContext.StepInfo.Text}");
}
