using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

public sealed class DefectCatalogueTests
{
    public static TheoryData<string> Defects => new(DefectCatalogue.All.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task Each_defect_is_caught_by_the_scenarios_that_guard_against_it(string name)
    {
        var defect = DefectCatalogue.All.Single(d => d.Name == name);

        var results = await SuiteRun.RunAsync(defect.CaughtBy, defects: defect.Name);

        results.Should().NotBeEmpty($"the scenarios guarding against {name} must exist: {string.Join(" | ", defect.CaughtBy)}");
        results.Where(r => r.Value == "Fail").Should().NotBeEmpty(
            $"with '{name}' on ({defect.Breaks}) at least one of these scenarios must fail: {string.Join(" | ", results.Keys)}");
    }

    [Fact]
    public async Task The_same_scenarios_pass_when_no_defect_is_on()
    {
        var guards = DefectCatalogue.All.SelectMany(d => d.CaughtBy).Distinct().ToList();

        var results = await SuiteRun.RunAsync(guards, defects: null);

        results.Should().HaveCountGreaterThanOrEqualTo(guards.Count, "every guarding scenario must be found");
        results.Should().OnlyContain(r => r.Value == "Pass", "without defects the guarding scenarios pass");
    }
}
