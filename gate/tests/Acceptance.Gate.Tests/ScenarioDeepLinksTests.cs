using Acceptance.Gate.Reporting;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class ScenarioDeepLinksTests
{
    [Fact]
    public void A_link_names_the_scenario_by_file_and_line_and_an_outline_row_by_its_own_line()
    {
        var report = GateScenario.Evaluate(GateScenario.Run());
        var row = report.Scenarios.Single(s => s.Name == "A scanned plan arrives intact");

        ScenarioDeepLinks.To(row).Should().Be("living-documentation.html#scenario=Features/Extras.feature:19");
        ScenarioDeepLinks.To(row with { File = "Features/Two words/Ünïcode.feature" })
            .Should().Be("living-documentation.html#scenario=Features/Two%20words/%C3%9Cn%C3%AFcode.feature:19");
    }

    [Fact]
    public void The_living_documentation_gets_the_script_that_follows_the_links_once_at_the_end_of_its_body()
    {
        var path = Path.Combine(Path.GetTempPath(), $"living-{Guid.NewGuid():N}.html");
        File.WriteAllText(path, "<html><body><div id=\"content\"></div><script>window.CUCUMBER_MESSAGES = [];</script></body></html>");
        try
        {
            LivingDocumentation.AddVerdictBanner(path, GateScenario.Evaluate(GateScenario.Run()));
            LivingDocumentation.AddVerdictBanner(path, GateScenario.Evaluate(GateScenario.Run()));

            var html = File.ReadAllText(path);
            html.Split("<script id=\"scenario-deep-link\">").Should().HaveCount(2, "one copy of the script");
            html.IndexOf("scenario-deep-link", StringComparison.Ordinal).Should().BeGreaterThan(html.IndexOf("CUCUMBER_MESSAGES", StringComparison.Ordinal));
            html.Should().Contain("const key = 'scenario=';").And.EndWith("</script></body></html>");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
