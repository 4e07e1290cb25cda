using FluentAssertions;
using Xunit;

namespace Reqnroll.XunitV3Runner.Tests;

/// <summary>Strict outcomes: a scenario that did not really run is never green.</summary>
public sealed class OutcomeTests(ConformanceRun run)
{
    [Fact]
    public void A_failing_step_fails_the_test_and_the_steps_after_it_are_skipped()
    {
        run.Results["Outcomes › A failing step skips the steps after it"].Result.Should().Be("Fail");
        run.Messages.Execution("A failing step skips the steps after it").StepStatuses.Should().Equal("PASSED", "FAILED", "SKIPPED");
    }

    [Fact]
    public void A_pending_step_fails_the_test_naming_the_step()
    {
        var test = run.Results["Outcomes › A pending step fails the scenario"];
        test.Result.Should().Be("Fail");
        test.FailureMessage.Should().Contain("Pending step").And.Contain("WhenAStepIsStillPending");
        run.Messages.Execution("A pending step fails the scenario").StepStatuses.Should().Equal("PASSED", "PENDING");
    }

    [Fact]
    public void An_undefined_step_fails_the_test_with_a_binding_skeleton()
    {
        var test = run.Results["Outcomes › An undefined step fails the scenario"];
        test.Result.Should().Be("Fail");
        test.FailureMessage.Should().Contain("Undefined step").And.Contain("[When(").And.Contain("public void WhenAStepNobodyHasWrittenYetRuns()");
        run.Messages.Execution("An undefined step fails the scenario").StepStatuses.Should().Equal("PASSED", "UNDEFINED");
    }

    [Fact]
    public void An_ambiguous_step_fails_the_test_naming_both_bindings()
    {
        var test = run.Results["Outcomes › An ambiguous step fails the scenario"];
        test.Result.Should().Be("Fail");
        test.FailureMessage.Should().Contain("FirstClaim").And.Contain("SecondClaim");
        run.Messages.Execution("An ambiguous step fails the scenario").StepStatuses.Should().Equal("AMBIGUOUS");
    }

    [Fact]
    public void A_skip_requested_at_run_time_is_a_skip_with_its_reason_not_a_pass()
    {
        var test = run.Results["Outcomes › A scenario can be skipped at run time"];
        test.Result.Should().Be("Skip");
        test.SkipReason.Should().Contain("needs OPENAI_API_KEY");
        run.Messages.Execution("A scenario can be skipped at run time").StepStatuses.Should().Equal("PASSED", "SKIPPED", "SKIPPED");
    }

    [Fact]
    public void The_report_gives_a_skipped_step_its_reason_not_xunits_skip_exception()
    {
        var steps = run.Messages.Execution("A scenario can be skipped at run time").Steps.Where(s => s.Kind != "hook").ToList();

        steps[1].Message.Should().Be("needs OPENAI_API_KEY, which is not configured");
        steps.Should().OnlyContain(s => s.ExceptionType == null, "a skip is not an error: no exception type, token or stack trace");
    }

    [Fact]
    public void An_ignored_scenario_is_reported_skipped_with_a_reason_and_appears_in_the_report()
    {
        var test = run.Results["Outcomes › An ignored scenario is skipped"];
        test.Result.Should().Be("Skip");
        test.SkipReason.Should().Contain("@ignore");
        run.Messages.PickleNames.Should().Contain("An ignored scenario is skipped");
    }
}
