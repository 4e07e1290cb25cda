using FluentAssertions;
using Xunit;

namespace Reqnroll.XunitV3Runner.Tests;

/// <summary>Reqnroll hooks at every level, in order, once per run/feature/scenario/step; failing hooks fail what they affect.</summary>
public sealed class HookTests(ConformanceRun run)
{
    [Fact]
    public void Test_run_hooks_run_once_around_everything_even_with_parallel_features()
    {
        run.Journal.Should().StartWith("BeforeTestRun").And.EndWith("AfterTestRun");
        run.Journal.Count(e => e == "BeforeTestRun").Should().Be(1);
        run.Journal.Count(e => e == "AfterTestRun").Should().Be(1);
    }

    [Theory]
    [InlineData("Minimal", new[] { "A passing scenario" })]
    [InlineData("Order within a feature", new[] { "First", "Second", "Third" })]
    [InlineData("Backgrounds", new[] { "The feature background runs first", "Both backgrounds run, feature first" })]
    public void Feature_hooks_run_once_before_the_first_and_after_the_last_scenario_of_their_feature(string feature, string[] scenarios)
    {
        var journal = run.Journal.ToList();
        var before = journal.IndexOf($"BeforeFeature:{feature}");
        var after = journal.IndexOf($"AfterFeature:{feature}");
        journal.Count(e => e == $"BeforeFeature:{feature}").Should().Be(1);
        journal.Count(e => e == $"AfterFeature:{feature}").Should().Be(1);
        foreach (var scenario in scenarios)
        {
            journal.IndexOf($"BeforeScenario:{scenario}").Should().BeGreaterThan(before);
            journal.IndexOf($"AfterScenario:{scenario}").Should().BeInRange(before, after);
        }
    }

    [Fact]
    public void Step_hooks_scoped_by_tag_wrap_each_step_of_tagged_scenarios_only()
    {
        // Other features run in parallel and write to the same journal, so look at step hooks only.
        var stepHooks = run.Journal.Where(e => e.StartsWith("BeforeStep:") || e.StartsWith("AfterStep:")).ToList();
        stepHooks.Should().ContainInConsecutiveOrder(
            "BeforeStep:a counter at 1", "AfterStep:a counter at 1",
            "BeforeStep:the hook journal shows the scenario started", "AfterStep:the hook journal shows the scenario started");
        run.Journal.Should().NotContain(e => e.StartsWith("BeforeStep:") && e.Contains("counter is increased"));
        run.Results["Hooks › Hooks run around a scenario"].Result.Should().Be("Pass");
    }

    [Fact]
    public void A_before_scenario_hook_can_skip_the_scenario_and_the_report_gives_its_reason()
    {
        var test = run.Results["Hooks › A before-scenario hook can skip the scenario"];
        test.Result.Should().Be("Skip");
        test.SkipReason.Should().Be("needs LLAMA_CLOUD_API_KEY, which is not configured");

        var steps = run.Messages.Execution("A before-scenario hook can skip the scenario").Steps;
        steps.Should().Contain(new StepResult("hook", "SKIPPED", "needs LLAMA_CLOUD_API_KEY, which is not configured", null));
        steps.Should().OnlyContain(s => s.ExceptionType == null, "a skip is not an error: no exception type, token or stack trace");
    }

    [Fact]
    public void A_failing_before_scenario_hook_fails_the_scenario_and_skips_its_steps()
    {
        var test = run.Results["Hooks › A failing before-scenario hook fails the scenario"];
        test.Result.Should().Be("Fail");
        test.FailureMessage.Should().Contain("before-scenario hook broke on purpose");
        var execution = run.Messages.Execution("A failing before-scenario hook fails the scenario");
        execution.HookStatuses.Should().Contain("FAILED");
        execution.StepStatuses.Should().Equal("SKIPPED");
    }

    [Fact]
    public void A_failing_after_scenario_hook_fails_the_scenario_after_its_steps_passed()
    {
        var test = run.Results["Hooks › A failing after-scenario hook fails the scenario"];
        test.Result.Should().Be("Fail");
        test.FailureMessage.Should().Contain("after-scenario hook broke on purpose");
        var execution = run.Messages.Execution("A failing after-scenario hook fails the scenario");
        execution.StepStatuses.Should().Equal("PASSED");
        execution.HookStatuses.Should().Contain("FAILED");
    }

    [Fact]
    public void A_failing_before_feature_hook_fails_every_scenario_of_the_feature_which_still_appear_in_the_report()
    {
        foreach (var name in new[] { "First scenario of a feature whose hook failed", "Second scenario of a feature whose hook failed" })
        {
            var test = run.Results[$"Failing feature hook › {name}"];
            test.Result.Should().Be("Fail");
            test.FailureMessage.Should().Contain("[BeforeFeature] hook").And.Contain("before-feature hook broke on purpose");
            // The pickle was started and finished as skipped: none of its steps ran.
            run.Messages.Execution(name).StepStatuses.Should().NotContain("PASSED");
        }
        run.Journal.Should().NotContain("BeforeScenario:First scenario of a feature whose hook failed");
    }
}
