using Acceptance.Selftest;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The catalogue in two halves, each a test class of its own, so xUnit runs them side by side: a child
/// run mostly waits (an environment starting, a provider's latency, a guard waiting out its limit), and
/// two at a time keep the test command within its half hour. Each child run has its own cluster and ports.
/// </summary>
public sealed class DefectCatalogueFirstHalfTests(ITestOutputHelper output) : DefectCatalogueTests(output)
{
    public static TheoryData<string> Defects => Half(0);

    [Theory]
    [MemberData(nameof(Defects))]
    public Task Each_defect_is_caught_by_the_scenarios_that_guard_against_it(string name) => CaughtAsync(name);
}

/// <inheritdoc cref="DefectCatalogueFirstHalfTests"/>
public sealed class DefectCatalogueSecondHalfTests(ITestOutputHelper output) : DefectCatalogueTests(output)
{
    public static TheoryData<string> Defects => Half(1);

    [Theory]
    [MemberData(nameof(Defects))]
    public Task Each_defect_is_caught_by_the_scenarios_that_guard_against_it(string name) => CaughtAsync(name);
}

public abstract class DefectCatalogueTests(ITestOutputHelper output)
{
    /// <summary>Every other defect the gate catches, so the long-running guards spread over both halves (soak-only ones need a soak).</summary>
    protected static TheoryData<string> Half(int which) =>
        new(DefectCatalogue.CaughtByTheGate.Where((_, index) => index % 2 == which).Select(d => d.Name));

    protected async Task CaughtAsync(string name)
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
}

/// <summary>The catalogue's guards name scenarios of the suite.</summary>
public sealed class GuardingScenarioTests
{
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
