using Acceptance.Selftest;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

public sealed class DefectCatalogueTests(ITestOutputHelper output)
{
    public static TheoryData<string> Defects => new(DefectCatalogue.All.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task Each_defect_is_caught_by_the_scenarios_that_guard_against_it(string name)
    {
        var defect = DefectCatalogue.All.Single(d => d.Name == name);
        var caught = false;
        try
        {
            var run = await SuiteRun.RunTimedAsync(defect.CaughtBy, defects: defect.Name);
            var results = run.Results;
            caught = results.Values.Contains("Fail");
            output.WriteLine($"{name}: {(caught ? "caught" : "ESCAPED")} ({run}); {string.Join("; ", results.Select(r => $"{r.Value}: {r.Key}"))}");

            results.Should().NotBeEmpty($"the scenarios guarding against {name} must exist: {string.Join(" | ", defect.CaughtBy)}");
            results.Where(r => r.Value == "Fail").Should().NotBeEmpty(
                $"with '{name}' on ({defect.Breaks}) at least one of these scenarios must fail: {string.Join(" | ", results.Keys)}");
        }
        finally
        {
            if (MutationScore.Record(name, caught) is { } score)
            {
                output.WriteLine(score);
                TestContext.Current.SendDiagnosticMessage(score);
                Console.WriteLine(score);
            }
        }
    }

    /// <summary>
    /// Every guard names a scenario that exists. That the guards pass without defects is not run
    /// again here: the acceptance suite runs every one of them, defect-free, in the same test command.
    /// </summary>
    [Fact]
    public async Task Every_guarding_scenario_is_a_scenario_of_the_suite()
    {
        var names = await ChildSuiteRun.ScenarioNamesAsync();
        names.Should().NotBeEmpty("the suite must list its scenarios");

        DefectCatalogue.All.SelectMany(d => d.CaughtBy.Select(guard => (d.Name, Guard: guard)))
            .Where(g => !names.Any(name => name.Contains(g.Guard, StringComparison.Ordinal)))
            .Select(g => $"{g.Name}: '{g.Guard}'")
            .Should().BeEmpty("each defect's guarding scenarios must exist under that title");
    }
}
