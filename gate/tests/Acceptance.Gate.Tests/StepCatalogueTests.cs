using Acceptance.Gate.Steps;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class StepCatalogueTests
{
    private static readonly StepCatalogue Catalogue = StepCatalogue.Build(
        SuiteSteps.Bindings, FeatureSteps.Load(FixturePaths.Of("steps", "Features")));

    [Fact]
    public void Lists_every_phrase_with_where_it_is_used_and_an_example()
    {
        Catalogue.Entries.Should().HaveCount(SuiteSteps.Bindings.Count);
        var embedded = Catalogue.Entries.Single(e => e.Binding.Phrase == "the document is embedded within {duration}");
        embedded.Usages.Should().ContainSingle(u => u.File == "Features/Misspelt.feature" && u.Line == 8);
        embedded.Example.Should().Be("Then the document is embedded within 60 seconds");
    }

    [Fact]
    public void Flags_the_phrases_no_feature_uses()
    {
        var upload = Catalogue.Entries.Single(e => e.Binding.Keyword == "When" && e.Binding.Phrase == "{persona} uploads {document}");
        upload.Unused.Should().BeTrue("the only upload in the fixture is misspelt");
        Catalogue.Entries.Count(e => !e.Unused).Should().Be(2);
        Catalogue.Unmatched.Should().ContainSingle(s => s.Line == 7);
    }

    [Fact]
    public void Writes_markdown_and_html_with_parameter_types()
    {
        var markdown = StepCatalogueWriter.Markdown(Catalogue);
        markdown.Should().Contain("| When | `{persona} uploads {document}` | persona: Persona, document: TestDocument |")
            .And.Contain("⚠️ **unused**")
            .And.Contain("Features/Misspelt.feature:8");
        var html = StepCatalogueWriter.Html(Catalogue);
        html.Should().Contain("<code>{persona} uploads {document}</code>").And.Contain("href=\"readiness.html\"");
    }
}
