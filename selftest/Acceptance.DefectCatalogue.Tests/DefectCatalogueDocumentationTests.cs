using System.Reflection;
using FluentAssertions;
using Pipeline.Core.Defects;
using Pipeline.TestKit.Documentation;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>docs/defect-catalogue.md shows the catalogue exactly as DefectCatalogue declares it.</summary>
public sealed class DefectCatalogueDocumentationTests
{
    private static string RepositoryRoot => typeof(DefectCatalogueDocumentationTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void The_defect_catalogue_page_shows_the_declared_catalogue()
    {
        var problem = GeneratedSection.Check(
            RepositoryRoot, "docs/defect-catalogue.md",
            DefectCataloguePage.Source,
            DefectCataloguePage.Render(DefectCatalogue.All),
            "dotnet test --project selftest/Acceptance.DefectCatalogue.Tests -- --filter-class \"*DefectCatalogueDocumentationTests\"");

        problem.Should().BeNull();
    }

    [Fact]
    public void Every_declared_defect_is_catalogued_exactly_once()
    {
        DefectCatalogue.All.Select(d => d.Name).Should().BeEquivalentTo(PipelineDefects.Known,
            "each defect PipelineDefects declares needs its guarding scenario here, and the catalogue names no undeclared one");
    }

    [Fact]
    public void Every_defect_is_listed_once_with_its_service_and_kind()
    {
        var page = DefectCataloguePage.Render(DefectCatalogue.All);

        DefectCatalogue.All.Select(d => d.Name).Should().OnlyHaveUniqueItems();
        foreach (var defect in DefectCatalogue.All)
        {
            page.Should().Contain($"| `{defect.Name}` | {defect.Service} | {defect.Breaks} |");
            page.Should().Contain($"| {DefectCataloguePage.Title(defect.Class)} |");
        }
        page.Should().StartWith($"{DefectCatalogue.All.Count} defects: {DefectCatalogue.CaughtByTheGate.Count} for the gate's own run");
        foreach (var soakOnly in DefectCatalogue.All.Where(d => d.SoakOnly))
            page.Should().Contain($"| `{soakOnly.Name}` |").And.Contain("(nightly soak only) |");
    }
}
