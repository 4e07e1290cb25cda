using Acceptance.Gate.Criteria;
using Acceptance.Gate.Reporting;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class ReadinessHtmlTests
{
    [Fact]
    public void The_page_opens_with_the_verdict_and_has_a_row_per_criterion_linking_scenarios_to_the_living_documentation()
    {
        var report = GateScenario.Evaluate(GateScenario.Run((run, s) =>
            s.Name == "Proof of 4.2-openai-errors" && run.Fail(s, "429 not retried") is not null));

        var html = ReadinessHtmlWriter.Render(report);

        html.IndexOf("id=\"verdict\"", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("id=\"criteria\"", StringComparison.Ordinal));
        html.Should().Contain("✘ NOT READY");
        foreach (var criterion in Phase4Criteria.All)
            html.Should().Contain($"data-criterion=\"{criterion.Id}\"");
        html.Should().Contain($"href=\"living-documentation.html#scenario={GateScenario.Named("Proof of 4.2-openai-errors").Location}\"")
            .And.Contain("429 not retried");
    }

    [Fact]
    public void The_living_documentation_banner_is_replaced_not_stacked_when_written_again()
    {
        var path = Path.Combine(Path.GetTempPath(), $"living-{Guid.NewGuid():N}.html");
        File.WriteAllText(path, "<html><body><div id=\"content\"></div></body></html>");
        try
        {
            LivingDocumentation.AddVerdictBanner(path, GateScenario.Evaluate(GateScenario.Run()));
            LivingDocumentation.AddVerdictBanner(path, GateScenario.Evaluate(GateScenario.Run((run, s) => s.Name == "Proof of 4.2-openai-errors" && run.Fail(s, "x") is not null)));

            var html = File.ReadAllText(path);
            html.Split("id=\"gate-verdict\"").Should().HaveCount(2, "one banner");
            html.Should().Contain("NOT READY").And.NotContain("✔ READY").And.Contain("href=\"readiness.html\"").And.Contain("href=\"step-catalogue.html\"");
            html.IndexOf("gate-verdict", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("id=\"content\"", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
