using Acceptance.Gate.Inventory;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class InventoryTests
{
    private static readonly GherkinInventory Repo = GherkinInventory.Load(FixturePaths.Of("repo", "Features"));

    [Fact]
    public void Lists_one_entry_per_pickle_with_paths_relative_to_the_repository_root()
    {
        Repo.Scenarios.Should().HaveCount(24);
        Repo.Scenarios.Select(s => s.File).Distinct().Should().BeEquivalentTo(
            "Features/Extras.feature", "Features/criteria/EveryCriterion.feature");
        Repo.Problems.Should().BeEmpty();
    }

    [Fact]
    public void An_outline_row_carries_its_example_values_line_and_the_tags_of_feature_rule_and_examples()
    {
        var scanned = Repo.Scenarios.Single(s => s.Name == "A scanned plan arrives intact");

        scanned.Feature.Should().Be("Extras");
        scanned.Rule.Should().Be("A document goes from upload to embedded with its data intact");
        scanned.ExampleValues.Should().Equal(
            new KeyValuePair<string, string>("kind", "A scanned plan"), new KeyValuePair<string, string>("document", "scan.pdf"));
        scanned.Line.Should().Be(8);
        scanned.ExampleLine.Should().Be(19);
        scanned.Tags.Select(t => t.Name).Should().BeEquivalentTo("@smoke", "@gate", "@criterion:4.1-complete-lifecycle", "@slow");
        scanned.Tags.Single(t => t.Name == "@slow").Line.Should().Be(16);
        scanned.CriterionId.Should().Be("4.1-complete-lifecycle");
        scanned.IsGate.Should().BeTrue();
    }

    [Fact]
    public void A_file_the_parser_rejects_is_a_located_problem_not_an_exception()
    {
        var broken = GherkinInventory.Load(FixturePaths.Of("broken", "Features"));

        broken.Problems.Should().ContainSingle().Which.Should().Match<InventoryProblem>(p =>
            p.File == "Features/Broken.feature" && p.Line == 10);
    }
}
