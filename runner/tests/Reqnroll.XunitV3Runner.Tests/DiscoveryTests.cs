using FluentAssertions;
using Xunit;

namespace Reqnroll.XunitV3Runner.Tests;

/// <summary>One xUnit test per Gherkin pickle, named and tagged so people and CI can find it.</summary>
public sealed class DiscoveryTests(ConformanceRun run)
{
    [Fact]
    public void Every_pickle_becomes_one_test_and_every_test_is_a_pickle()
    {
        run.Results.Tests.Should().HaveCount(run.Messages.Count("pickle"));
        run.Results.Tests.Should().HaveCount(25);
    }

    [Fact]
    public void Outline_rows_become_separate_tests_named_after_their_values()
    {
        run.Results.Tests.Select(t => t.Name).Should().Contain(
        [
            "Outlines › Adding 1 to 1 (start: 1, increment: 1, total: 2)",
            "Outlines › Adding 3 to 2 (start: 2, increment: 3, total: 5)",
            "Outlines › Adding 2000 to 1000 (start: 1000, increment: 2000, total: 3000)",
        ]);
    }

    [Fact]
    public void Scenarios_inside_a_rule_carry_the_rule_in_their_name_and_traits()
    {
        var test = run.Results["Backgrounds › Rules have backgrounds of their own › Both backgrounds run, feature first"];
        test.Traits.Should().Contain(("Rule", "Rules have backgrounds of their own"));
    }

    [Fact]
    public void Tags_are_inherited_into_category_traits_and_the_feature_title_is_a_trait()
    {
        var inRule = run.Results["Backgrounds › Rules have backgrounds of their own › Both backgrounds run, feature first"];
        inRule.Traits.Should().Contain([("Category", "backgrounds"), ("Category", "in-rule"), ("FeatureTitle", "Backgrounds")]);

        var largeExample = run.Results["Outlines › Adding 2000 to 1000 (start: 1000, increment: 2000, total: 3000)"];
        largeExample.Traits.Should().Contain([("Category", "outlines"), ("Category", "large")])
            .And.NotContain(("Category", "small"));
    }

    [Fact]
    public async Task Test_identities_are_the_same_in_every_discovery()
    {
        var again = await ConformanceRun.ListAsync();

        again.Select(t => (t.DisplayName, t.ID)).Should().BeEquivalentTo(run.Discovered.Select(t => (t.DisplayName, t.ID)));
        run.Discovered.Select(t => t.ID).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Selecting_by_tag_runs_only_the_tagged_scenarios()
    {
        var selection = await ConformanceRun.RunAsync(["-noColor", "-trait", "Category=large"], new()
        {
            ["REQNROLL_REPORTS_DIR"] = Path.Combine(run.Folder, "selection-reports"),
        });

        selection.ExitCode.Should().Be(0, selection.Output);
        selection.Output.Should().Contain("Total: 1,");
    }
}
