using System.Text.RegularExpressions;
using Acceptance.Gate.Criteria;
using FluentAssertions;
using Pipeline.TestKit.Documentation;

namespace Acceptance.Gate.Tests;

/// <summary>The Phase 4 plan's procedures point at real criteria and scenarios, and docs/phase4-plan.md shows them.</summary>
public sealed partial class PlanProceduresTests
{
    [Fact]
    public void The_phase4_plan_page_shows_the_declared_procedures()
    {
        var problem = GeneratedSection.Check(
            SuiteSteps.RepositoryRoot, "docs/phase4-plan.md",
            PlanProcedures.Source,
            PlanProcedures.ToMarkdown(),
            "dotnet test --project gate/tests/Acceptance.Gate.Tests -- --filter-class \"*PlanProceduresTests\"");

        problem.Should().BeNull();
    }

    [Fact]
    public void Every_procedure_names_scenarios_that_exist_in_their_feature_files()
    {
        var missing = PlanProcedures.All.SelectMany(p => p.Scenarios)
            .Where(s => !ScenarioExists(s))
            .Select(s => $"{s.FeatureFile}: \"{s.Name}\"");

        PlanProcedures.All.Should().OnlyContain(p => p.Scenarios.Length > 0);
        missing.Should().BeEmpty("each scenario must be written in its feature file under exactly that name");
    }

    [Fact]
    public void Every_procedure_names_known_criteria_in_its_gate_command()
    {
        foreach (var procedure in PlanProcedures.All)
        {
            Phase4Criteria.IsKnown(procedure.CriterionId).Should().BeTrue($"{procedure.PlanCommand} names {procedure.CriterionId}");
            procedure.GateCommand.Should().Contain("scripts/gate.sh");
            var tagged = CriterionTag().Matches(procedure.GateCommand).Select(m => m.Groups[1].Value).ToList();
            tagged.Should().Contain(procedure.CriterionId, $"the gate command for {procedure.PlanCommand} must run its criterion");
            tagged.Should().OnlyContain(id => Phase4Criteria.IsKnown(id), $"{procedure.GateCommand} must tag known criteria");
        }
    }

    [Fact]
    public void The_rendering_gives_each_procedure_its_command_and_scenarios()
    {
        var markdown = PlanProcedures.ToMarkdown();

        foreach (var procedure in PlanProcedures.All)
        {
            markdown.Should().Contain($"### `{procedure.PlanCommand}`");
            markdown.Should().Contain($"```bash\n{procedure.GateCommand}\n```");
            foreach (var scenario in procedure.Scenarios)
                markdown.Should().Contain($"- `{scenario.FeatureFile}`: \"{PlanProcedures.Escaped(scenario.Name)}\"");
        }
    }

    private static bool ScenarioExists(PlanScenario scenario)
    {
        var path = Path.Combine(SuiteSteps.RepositoryRoot, scenario.FeatureFile);
        return File.Exists(path) && File.ReadLines(path).Select(line => line.Trim()).Any(line =>
            line == $"Scenario: {scenario.Name}" || line == $"Scenario Outline: {scenario.Name}");
    }

    [GeneratedRegex(@"criterion:([0-9.]+-[a-z-]+)")]
    private static partial Regex CriterionTag();
}
