using FluentAssertions;
using Xunit;

namespace Reqnroll.XunitV3Runner.Tests;

/// <summary>Passing scenarios pass, and the message stream records each of their steps as Reqnroll's own runners would.</summary>
public sealed class ExecutionTests(ConformanceRun run)
{
    [Theory]
    [InlineData("Minimal › A passing scenario", "A passing scenario", 3)]
    [InlineData("Backgrounds › The feature background runs first", "The feature background runs first", 2)]
    [InlineData("Backgrounds › Rules have backgrounds of their own › Both backgrounds run, feature first", "Both backgrounds run, feature first", 3)]
    [InlineData("Step arguments › A data table reaches its step", "A data table reaches its step", 2)]
    [InlineData("Step arguments › A doc string reaches its step", "A doc string reaches its step", 2)]
    [InlineData("Step arguments › A custom parameter type converts its text", "A custom parameter type converts its text", 2)]
    public void A_passing_scenario_passes_with_every_step_passed(string testName, string pickleName, int steps)
    {
        run.Results[testName].Result.Should().Be("Pass", run.Results[testName].FailureMessage);
        run.Messages.Execution(pickleName).StepStatuses.Should().Equal(Enumerable.Repeat("PASSED", steps));
    }

    [Fact]
    public void Every_outline_row_runs_with_its_own_values()
    {
        foreach (var name in new[] { "Adding 1 to 1", "Adding 3 to 2", "Adding 2000 to 1000" })
            run.Messages.Execution(name).StepStatuses.Should().Equal("PASSED", "PASSED", "PASSED");
    }

    [Fact]
    public void Scenarios_of_one_feature_run_in_the_order_they_are_written()
    {
        foreach (var name in new[] { "First", "Second", "Third" })
            run.Results[$"Order within a feature › {name}"].Result.Should().Be("Pass", run.Results[$"Order within a feature › {name}"].FailureMessage);
    }

    [Fact]
    public void The_run_as_a_whole_fails_because_some_scenarios_failed()
    {
        run.ExitCode.Should().NotBe(0);
        run.Results.Tests.Count(t => t.Result == "Fail").Should().Be(8);
        run.Results.Tests.Count(t => t.Result == "Skip").Should().Be(3);
    }
}
