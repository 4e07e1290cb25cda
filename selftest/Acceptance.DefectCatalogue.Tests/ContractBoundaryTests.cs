using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;
using static Acceptance.DefectCatalogue.Tests.ContractSource;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The suite depends on the contract, never on the reference pipeline: its steps and drivers use no
/// namespace the reference pipeline declares, and the built suite neither references a reference-pipeline
/// assembly nor compiles one of its types in. Only the shared vocabulary (Pipeline.Contract, outside
/// reference-pipeline/) is common to both. Reads files only; starts no pipeline.
/// </summary>
public sealed partial class ContractBoundaryTests
{
    /// <summary>The root namespaces declared under reference-pipeline/src (Pipeline.Core, ApiServer, MockOpenAi, …).</summary>
    private static readonly Lazy<IReadOnlySet<string>> ReferenceNamespaces = new(() =>
        FilesUnder("reference-pipeline/src")
            .SelectMany(file => NamespaceDeclaration().Matches(file.Text).Select(m => m.Groups["name"].Value))
            .Select(RootOf)
            .ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void No_step_or_driver_uses_a_reference_pipeline_namespace()
    {
        var forbidden = ReferenceNamespaces.Value;
        forbidden.Should().Contain("Pipeline.Core", "the reference pipeline's namespaces must be found");
        forbidden.Should().NotContain("Pipeline.Contract", "the shared vocabulary lives outside the reference pipeline");

        var uses = FilesUnder("StepDefinitions").Concat(SupportFiles())
            .SelectMany(file => Uses(file.Text, forbidden).Select(use => $"{file.Path}: {use}"));
        uses.Should().BeEmpty("steps and drivers work through the contract (docs/contract.md) and the shared vocabulary, " +
                              "so a team's own pipeline gets the same verdict; move what they need behind a driver or into Pipeline.Contract");
    }

    [Fact]
    public void The_built_suite_references_no_reference_pipeline_assembly_and_holds_none_of_its_types()
    {
        var forbidden = ReferenceNamespaces.Value;
        var assemblies = Directory.GetFiles(Path.Combine(RepositoryRoot, "reference-pipeline/src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var suite = Path.Combine(RepositoryRoot, "bin/Debug/net10.0/Acceptance.dll");
        File.Exists(suite).Should().BeTrue($"the suite must be built first ({suite})");

        using var pe = new PEReader(File.OpenRead(suite));
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        var typeNamespaces = metadata.TypeDefinitions.Select(h => metadata.GetString(metadata.GetTypeDefinition(h).Namespace)).Distinct().ToList();

        references.Should().Contain("Pipeline.Contract", "the suite takes the pipeline's names from the shared vocabulary");
        references.Where(assemblies.Contains).Should().BeEmpty("the suite references the contract, not the reference pipeline's assemblies");
        typeNamespaces.Where(ns => forbidden.Contains(RootOf(ns))).Should().BeEmpty("no reference-pipeline source is compiled into the suite");
    }

    [Theory]
    [InlineData("using Pipeline.Core.Options;", true)]
    [InlineData("    var size = new Pipeline.Core.Chunking.TextChunker(options);", true)]
    [InlineData("using MockOpenAi.Embeddings;", true)]
    [InlineData("using static Pipeline.Core.Stages;", true)]
    [InlineData("using Pipeline.Contract;", false)]
    [InlineData("    var stage = Stages.Embedded;", false)]
    [InlineData("/// <summary>Unlike Pipeline.Core's chunker, this only estimates.</summary>", false)]
    public void The_namespace_scan_finds_uses_not_mentions(string line, bool uses) =>
        Uses(line, new HashSet<string> { "Pipeline.Core", "MockOpenAi" }).Any().Should().Be(uses, line);

    /// <summary>using directives and qualified names (X.Y) of a forbidden root, outside comments.</summary>
    private static IEnumerable<string> Uses(string source, IReadOnlySet<string> forbidden) =>
        source.Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(line => forbidden.Where(root => Regex.IsMatch(line, $@"(?<![\w.]){Regex.Escape(root)}\.[A-Za-z_]")).Select(root => line.Trim()))
            .Distinct();

    /// <summary>Pipeline.Core.Options → Pipeline.Core; MockOpenAi.Embeddings → MockOpenAi (two segments when the first is the shared "Pipeline" or "Mocks").</summary>
    private static string RootOf(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length > 1 && parts[0] is "Pipeline" or "Mocks" ? $"{parts[0]}.{parts[1]}" : parts[0];
    }

    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
