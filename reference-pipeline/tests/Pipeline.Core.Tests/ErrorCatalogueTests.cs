using System.Text.RegularExpressions;
using FluentAssertions;
using Pipeline.Core.Errors;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

/// <summary>The catalogue, the codes the source produces, the scenarios' reason keys and docs/errors.md agree.</summary>
public sealed partial class ErrorCatalogueTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private static readonly string SourceRoot = Path.Combine(RepositoryRoot, "reference-pipeline", "src");

    [Fact]
    public void Every_job_error_code_produced_in_the_source_is_catalogued_as_a_job_error_and_back()
    {
        var produced = SourceFiles().SelectMany(f => JobErrorCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value)).ToHashSet();
        var catalogued = ErrorCatalogue.Entries.Where(e => e.Surface.HasFlag(ErrorSurface.Job)).Select(e => e.Code).ToHashSet();

        produced.Except(catalogued).Should().BeEmpty("every job error code the source produces must be in ErrorCatalogue");
        catalogued.Except(produced).Should().BeEmpty("every catalogued job error must be produced somewhere in the source");
    }

    [Fact]
    public void Every_api_error_key_is_catalogued_as_an_api_error_and_back()
    {
        var apiErrors = File.ReadAllText(Path.Combine(SourceRoot, "ApiServer", "Http", "ApiErrors.cs"));
        var keys = ApiErrorKey().Matches(apiErrors).Select(m => m.Groups["code"].Value).ToHashSet();
        var catalogued = ErrorCatalogue.Entries.Where(e => e.Surface.HasFlag(ErrorSurface.Api)).Select(e => e.Code).ToHashSet();

        keys.Should().NotBeEmpty();
        keys.Except(catalogued).Should().BeEmpty("every ErrorKeys constant must be in ErrorCatalogue");
        catalogued.Except(keys).Should().BeEmpty("every catalogued API error must be an ErrorKeys constant");
        ErrorCatalogue.Entries.Where(e => e.Surface.HasFlag(ErrorSurface.Api)).Should().OnlyContain(e => e.HttpStatus >= 400);
    }

    [Fact]
    public void Every_reason_a_scenario_names_is_catalogued()
    {
        var features = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "Features"), "*.feature", SearchOption.AllDirectories);
        var named = features.SelectMany(f => ScenarioReason().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value)).ToHashSet();

        named.Should().NotBeEmpty();
        named.Where(code => ErrorCatalogue.Find(code) is null).Should().BeEmpty("scenarios may only name catalogued reasons");
    }

    [Fact]
    public void Every_entry_says_why_what_the_user_sees_and_what_an_operator_does()
    {
        ErrorCatalogue.Entries.Select(e => e.Code).Should().OnlyHaveUniqueItems();
        ErrorCatalogue.Entries.Should().OnlyContain(e =>
            CodeShape().IsMatch(e.Code) && e.Cause.Length > 10 && e.UserSees.Length > 5 && e.OperatorDoes.Length > 5);
        ErrorCatalogue.Entries.Where(e => e.Retryable && e.Surface.HasFlag(ErrorSurface.Job))
            .Should().OnlyContain(e => e.Dependency != null, "a retryable job error names what it waits for, so it can revive");
    }

    [Fact]
    public void The_error_page_is_the_catalogue_rendered()
    {
        var path = Path.Combine(RepositoryRoot, ErrorCatalogueDocument.RelativePath);
        var rendered = ErrorCatalogueDocument.Render();
        if (Environment.GetEnvironmentVariable("UPDATE_ERROR_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, rendered);
        }

        File.Exists(path).Should().BeTrue($"{ErrorCatalogueDocument.RelativePath} is generated from the catalogue (UPDATE_ERROR_DOCS=1)");
        File.ReadAllText(path).ReplaceLineEndings().Should().Be(rendered.ReplaceLineEndings(),
            "docs/errors.md must be regenerated after the catalogue changes (UPDATE_ERROR_DOCS=1)");
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.EndsWith("ErrorCatalogue.cs", StringComparison.Ordinal));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Acceptance.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Acceptance.sln not found above " + AppContext.BaseDirectory);
    }

    // PipelineError.Transient("code", ...), PipelineError.Permanent("code", ...), new PipelineError("code", ...), const string code = "code".
    [GeneratedRegex("""(?:PipelineError\.(?:Transient|Permanent)\(|new PipelineError\(|const string code\s*=)\s*"(?<code>[a-z0-9-]+)"\s*""")]
    private static partial Regex JobErrorCode();

    [GeneratedRegex("""public const string \w+ = "(?<code>[a-z0-9-]+)";""")]
    private static partial Regex ApiErrorKey();

    [GeneratedRegex("reason \"(?<code>[a-z0-9-]+)\"")]
    private static partial Regex ScenarioReason();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex CodeShape();
}
