using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Reqnroll.Infrastructure;
using Reqnroll.XunitV3Runner.Gherkin;
using Xunit;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>
/// Drives Reqnroll's runtime for one pickle in the same sequence Reqnroll's generated xUnit
/// classes use: obtain a runner, switch feature if needed, initialise, start, run the steps,
/// collect errors, end, release.
/// </summary>
internal static class ScenarioExecutor
{
    /// <summary>The feature each xUnit test class (one per feature) started, so its fixture can end it.</summary>
    private static readonly ConcurrentDictionary<string, FeatureInfo> StartedFeatures = new();

    public static async Task RunAsync(Assembly testAssembly, string featurePath, string scenarioId)
    {
        var feature = FeatureCatalog.For(testAssembly).Get(featurePath);
        var scenario = feature.GetScenario(scenarioId);
        var featureInfo = feature.FeatureInfo;

        var runner = TestRunnerManager.GetTestRunnerForAssembly(testAssembly, featureHint: featureInfo);
        try
        {
            var featureFailure = await EnsureFeatureStartedAsync(runner, featureInfo);
            if (TestContext.Current.TestClass?.UniqueID is { } classId)
                StartedFeatures[classId] = featureInfo;

            runner.OnScenarioInitialize(CreateScenarioInfo(feature, scenario), CreateRuleInfo(scenario));
            runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(TestContext.Current.TestOutputHelper!);

            if (featureFailure is not null)
            {
                // The pickle still appears in the report (as skipped); the xUnit test fails with the hook's error.
                await runner.SkipScenarioAsync();
                throw new ReqnrollException($"Scenario not run because a [BeforeFeature] hook of '{feature.Title}' failed: {featureFailure.Message}", featureFailure);
            }
            if (scenario.IsIgnored)
            {
                await runner.SkipScenarioAsync();
                Assert.Skip("Ignored: the scenario is tagged @ignore.");
            }

            await runner.OnScenarioStartAsync();
            foreach (var step in scenario.Steps)
                await StepInvoker.InvokeAsync(runner, step);
            await CollectScenarioErrorsAsync(runner);
        }
        finally
        {
            try
            {
                await runner.OnScenarioEndAsync();
            }
            finally
            {
                TestRunnerManager.ReleaseTestRunner(runner);
            }
        }
    }

    /// <summary>
    /// Reqnroll's strict mode throws bare "pending"/"missing step" exceptions; the test failure
    /// should instead name the steps and, for undefined ones, show the binding skeleton.
    /// </summary>
    private static async Task CollectScenarioErrorsAsync(ITestRunner runner)
    {
        try
        {
            await runner.CollectScenarioErrorsAsync();
        }
        catch (MissingStepDefinitionException)
        {
            var messages = runner.ScenarioContext.ScenarioContainer.Resolve<ITestUndefinedMessageFactory>();
            throw new ScenarioNotRunException("Undefined step: " + messages.BuildFromContext(runner.ScenarioContext, runner.FeatureContext));
        }
        catch (PendingStepException)
        {
            var messages = runner.ScenarioContext.ScenarioContainer.Resolve<ITestPendingMessageFactory>();
            throw new ScenarioNotRunException("Pending step: " + messages.BuildFromScenarioContext(runner.ScenarioContext));
        }
    }

    /// <summary>Starts the feature on this runner (ending another one first); returns the error of a failed [BeforeFeature] hook.</summary>
    private static async Task<Exception?> EnsureFeatureStartedAsync(ITestRunner runner, FeatureInfo featureInfo)
    {
        if (runner.FeatureContext is not null && !runner.FeatureContext.FeatureInfo.Equals(featureInfo))
            await runner.OnFeatureEndAsync();
        if (runner.FeatureContext is null)
        {
            try
            {
                await runner.OnFeatureStartAsync(featureInfo);
            }
            catch (Exception e)
            {
                return e;
            }
        }
        return runner.FeatureContext!.BeforeFeatureHookFailed ? runner.FeatureContext.BeforeFeatureHookError : null;
    }

    private static ScenarioInfo CreateScenarioInfo(FeatureDocument feature, ScenarioDescriptor scenario) =>
        new(scenario.Title, scenario.Description, scenario.OwnTags.ToArray(), feature.ArgumentsOf(scenario),
            scenario.InheritedTags.ToArray(), scenario.PickleIndex.ToString(CultureInfo.InvariantCulture));

    private static RuleInfo? CreateRuleInfo(ScenarioDescriptor scenario) =>
        scenario.Rule is { } rule
            ? new RuleInfo(rule.Name, rule.Description, rule.Tags.Select(t => FeatureDocument.TagName(t.Name)).ToArray())
            : null;

    /// <summary>Ends the feature a test class ran (its After-feature hooks run now, not at the end of the run).</summary>
    public static async Task EndFeatureOfTestClassAsync(Assembly testAssembly, string testClassId)
    {
        if (StartedFeatures.TryRemove(testClassId, out var featureInfo))
            await TestRunnerManager.ReleaseFeatureAsync(featureInfo, testAssembly);
    }
}
