using Acceptance.Gate.Criteria;
using Acceptance.Gate.Inventory;
using FluentAssertions;
using Pipeline.TestKit.Documentation;

namespace Acceptance.Gate.Tests;

/// <summary>docs/targets.md's per-criterion table is what the features' @needs tags say, and reads them right.</summary>
public sealed class CriterionNeedsTests
{
    private static readonly GherkinInventory Features =
        GherkinInventory.Load(Path.Combine(SuiteSteps.RepositoryRoot, "Features"), SuiteSteps.RepositoryRoot);

    [Fact]
    public void The_targets_page_shows_what_each_criterion_needs_as_the_features_tag_it()
    {
        var problem = GeneratedSection.Check(
            SuiteSteps.RepositoryRoot, "docs/targets.md", CriterionNeeds.Source,
            CriterionNeeds.ToMarkdown(CriterionNeeds.From(Features)),
            "dotnet test --project gate/tests/Acceptance.Gate.Tests -- --filter-class \"*CriterionNeedsTests\"");

        problem.Should().BeNull();
    }

    [Fact]
    public void A_criterion_is_verified_without_control_only_when_none_of_its_gate_scenarios_needs_anything()
    {
        var rows = CriterionNeeds.From(GherkinInventory.Parse("Features/X.feature", """
            Feature: X
              @gate @criterion:4.2-worker-restarts @needs:kill-service @needs:worker-settings
              Scenario: killed
                Given a step
              @gate @criterion:4.2-worker-restarts @needs:worker-settings
              Scenario: lingering
                Given a step
              @gate @criterion:4.1-stages-seamless
              Scenario: plain
                Given a step
              @criterion:4.1-stages-seamless @needs:kill-service
              Scenario: not in the gate
                Given a step
              @gate @real-api @criterion:4.4-real-openai
              Scenario: real
                Given a step
            """)).ToDictionary(r => r.Criterion.Id);

        rows["4.2-worker-restarts"].Needs.Should().Equal(("worker-settings", 2), ("kill-service", 1));
        CriterionNeeds.WithoutControl(rows["4.2-worker-restarts"]).Should().Be("not verified: none of its scenarios run");
        rows["4.1-stages-seamless"].Should().Match<CriterionNeeds.Row>(r => r.Scenarios == 1 && r.Needs.Count == 0);
        CriterionNeeds.WithoutControl(rows["4.1-stages-seamless"]).Should().Be("verified");
        rows["4.4-real-openai"].Needs.Should().Equal((CriterionNeeds.ProviderKeys, 1));
        rows["4.3-resources"].Scenarios.Should().Be(0);
    }

    [Fact]
    public void A_criterion_with_some_scenarios_needing_control_is_not_verified_and_says_how_many_run()
    {
        var row = CriterionNeeds.From(GherkinInventory.Parse("Features/X.feature", """
            Feature: X
              @gate @criterion:4.2-worker-restarts @needs:restart-service
              Scenario: restart
                Given a step
              @gate @criterion:4.2-worker-restarts
              Scenario: plain
                Given a step
            """)).Single(r => r.Criterion.Id == "4.2-worker-restarts");

        CriterionNeeds.WithoutControl(row).Should().Be("not verified: 1 of 2 scenarios run");
        CriterionNeeds.ToMarkdown([row]).Should().Contain("| `4.2-worker-restarts` worker process failures and restarts work properly | 2 | `restart-service` (1) | not verified: 1 of 2 scenarios run |");
    }
}
