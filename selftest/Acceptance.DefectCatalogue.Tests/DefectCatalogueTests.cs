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

    [Fact]
    public async Task The_same_scenarios_pass_when_no_defect_is_on()
    {
        var guards = DefectCatalogue.All.SelectMany(d => d.CaughtBy).Distinct().ToList();

        var run = await SuiteRun.RunTimedAsync(guards, defects: null);
        var results = run.Results;
        output.WriteLine($"no defect: {run}; {string.Join("; ", results.Select(r => $"{r.Value}: {r.Key}"))}");

        results.Should().HaveCountGreaterThanOrEqualTo(guards.Count, "every guarding scenario must be found");
        results.Should().OnlyContain(r => r.Value == "Pass", "without defects the guarding scenarios pass");
    }
}
