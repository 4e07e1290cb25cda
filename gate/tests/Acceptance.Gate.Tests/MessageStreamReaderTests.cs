using Acceptance.Gate.Inventory;
using Acceptance.Gate.Results;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>Reads a real stream our runner wrote for its conformance features.</summary>
public sealed class MessageStreamReaderTests
{
    private static readonly RunResults Run = MessageStreamReader.Read(FixturePaths.Of("conformance", "cucumber-messages.ndjson"));

    private static ScenarioResult Named(string name) => Run.Scenarios.Single(s => s.Name == name);

    [Theory]
    [InlineData("A failing step skips the steps after it", ScenarioOutcome.Failed, "FAILED")]
    [InlineData("A pending step fails the scenario", ScenarioOutcome.Failed, "PENDING")]
    [InlineData("An undefined step fails the scenario", ScenarioOutcome.Failed, "UNDEFINED")]
    [InlineData("An ambiguous step fails the scenario", ScenarioOutcome.Failed, "AMBIGUOUS")]
    [InlineData("A failing after-scenario hook fails the scenario", ScenarioOutcome.Failed, "FAILED")]
    [InlineData("A scenario can be skipped at run time", ScenarioOutcome.Skipped, "SKIPPED")]
    [InlineData("An ignored scenario is skipped", ScenarioOutcome.Skipped, "SKIPPED")]
    [InlineData("A passing scenario", ScenarioOutcome.Passed, "PASSED")]
    public void Takes_the_worst_step_status_of_each_test_case(string name, ScenarioOutcome outcome, string status)
    {
        Named(name).Outcome.Should().Be(outcome);
        Named(name).WorstStepStatus.Should().Be(status);
    }

    [Fact]
    public void Keeps_the_failure_message_and_the_skip_reason_without_the_runner_marker()
    {
        Named("A failing step skips the steps after it").FailureMessage.Should().StartWith("Assert.Equal() Failure");
        Named("A scenario can be skipped at run time").SkipReason.Should().Be("needs OPENAI_API_KEY, which is not configured");
        Named("An ignored scenario is skipped").SkipReason.Should().Be("ignored (@ignore)");
    }

    [Fact]
    public void Lists_attachments_and_decodes_json_bodies()
    {
        var evidence = Named("Evidence of every kind is attached").Attachments;

        evidence.Where(a => !a.IsLog).Select(a => a.DisplayName).Should().Equal("counter.txt", "counter.json", "counter.png");
        evidence.Single(a => a.FileName == "counter.json").JsonText.Should().Be("{\"counter\":7}");
        evidence.Single(a => a.FileName == "counter.png").JsonText.Should().BeNull();
    }

    [Fact]
    public void Records_run_times_outcome_and_failed_run_hooks()
    {
        Run.Scenarios.Should().HaveCount(24);
        Run.Finished.Should().BeTrue();
        Run.Success.Should().BeFalse();
        Run.Duration.Should().BeGreaterThan(TimeSpan.Zero);
        Run.FailedRunHooks.Should().ContainSingle().Which.Should().Contain("before-feature hook broke on purpose");
    }

    [Fact]
    public void Matches_every_inventory_scenario_including_each_outline_row_by_its_lines()
    {
        var inventory = GherkinInventory.Load(FixturePaths.Of("conformance", "Features"));
        var matches = ResultMatcher.Match(inventory.Scenarios, Run);

        matches.Should().HaveCount(inventory.Scenarios.Count);
        matches.Should().OnlyContain(m => m.Key.Name == m.Value.Name && m.Key.File == m.Value.Uri);
        Run.Scenarios.Single(s => s.Name == "Adding 2000 to 1000").ExampleLine.Should().Be(
            inventory.Scenarios.Single(s => s.Name == "Adding 2000 to 1000").ExampleLine);
    }

    [Fact]
    public void The_last_attempt_decides_and_earlier_attempts_are_counted()
    {
        var scenario = GherkinInventory.Load(FixturePaths.Of("repo", "Features")).Scenarios[0];
        var run = new FakeRun()
            .Attempt(scenario, 0, ["PASSED", "FAILED"], [], "flaky")
            .Attempt(scenario, 1, ["PASSED", "PASSED"], [])
            .Finish()
            .ToResults();

        run.Scenarios.Should().ContainSingle().Which.Should().Match<ScenarioResult>(r =>
            r.Outcome == ScenarioOutcome.Passed && r.Attempts == 2 && r.FailureMessage == null);
    }
}
