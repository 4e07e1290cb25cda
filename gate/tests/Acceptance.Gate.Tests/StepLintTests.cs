using System.Diagnostics;
using Acceptance.Gate.Cli;
using Acceptance.Gate.Running;
using Acceptance.Gate.Steps;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class StepLintTests
{
    private static IReadOnlyList<FeatureStep> Misspelt => FeatureSteps.Load(FixturePaths.Of("steps", "Features"));

    [Fact]
    public void Reads_the_step_definitions_from_reqnrolls_binding_registry()
    {
        SuiteSteps.Bindings.Should().Contain(b => b.Keyword == "When" && b.Phrase == "{persona} uploads {document}"
            && b.Parameters.Select(p => p.Type).SequenceEqual(new[] { "Persona", "TestDocument" }));
        SuiteSteps.Bindings.Should().Contain(b => b.Keyword == "Then" && b.Phrase == "the document is embedded within {duration}"
            && b.Parameters.Single().Type == "TimeSpan");
    }

    [Fact]
    public void A_misspelt_step_fails_the_lint_at_its_line_with_the_closest_phrase_first()
    {
        var errors = StepLinter.Lint(Misspelt, SuiteSteps.Bindings);

        var error = errors.Should().ContainSingle().Which;
        error.File.Should().Be("Features/Misspelt.feature");
        error.Line.Should().Be(7);
        error.Message.Should().StartWith("no step definition matches \"When Dana uplaods \"simulated_insurance_document.pdf\"\"; closest: \"When {persona} uploads {document}\" | ");
    }

    [Fact]
    public void Every_step_of_the_suites_own_features_has_a_definition()
    {
        var steps = FeatureSteps.Load(Path.Combine(SuiteSteps.RepositoryRoot, "Features"), SuiteSteps.RepositoryRoot);

        steps.Should().HaveCountGreaterThan(50);
        StepLinter.Lint(steps, SuiteSteps.Bindings).Should().BeEmpty();
    }

    [Fact]
    public void And_and_but_take_the_keyword_of_the_step_before_them()
    {
        Misspelt.Should().Contain(s => s.Line == 9 && s.Keyword == "Then" && s.Text == "the stored file is byte-for-byte the uploaded file");
    }

    [Fact]
    public async Task The_gate_stops_on_a_misspelt_step_before_starting_anything()
    {
        var reports = Directory.CreateTempSubdirectory("gate-step-lint-").FullName;
        var output = new StringWriter();
        var clock = Stopwatch.StartNew();

        var exit = await GateRun.ExecuteAsync(
            new GateOptions { FeaturesDirectory = FixturePaths.Of("steps", "Features"), ReportsDirectory = reports }, output);

        exit.Should().Be(ExitCodes.GateFailed, output.ToString());
        output.ToString().Should().Contain("Features/Misspelt.feature:7: no step definition matches")
            .And.Contain("closest: \"When {persona} uploads {document}\"")
            .And.Contain("nothing was started");
        File.Exists(Path.Combine(reports, "environment.json")).Should().BeFalse("the suite and its environment never started");
        File.Exists(Path.Combine(reports, StepCatalogue.HtmlFile)).Should().BeTrue();
        TestContext.Current.TestOutputHelper!.WriteLine($"lint failed after {clock.Elapsed.TotalSeconds:0.0} s");
        Directory.Delete(reports, recursive: true);
    }
}
