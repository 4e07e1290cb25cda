using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using Pipeline.TestKit;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The suite's own mutants stay usable: every patch has a well-formed header naming tags the features
/// use, changes only the pipeline's side, and still applies to the current sources (git apply --check),
/// so a refactoring that makes a patch rot fails here, in seconds, rather than in scripts/mutants.sh.
/// </summary>
public sealed class MutantPatchTests
{
    private static string RepositoryRoot => typeof(MutantPatchTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static TheoryData<string> Mutants => new(MutantPatch.NamesIn(RepositoryRoot));

    private static string PathOf(string name) => Path.Combine(RepositoryRoot, MutantPatch.Folder, $"{name}.patch");

    [Theory]
    [MemberData(nameof(Mutants))]
    public void The_header_says_what_the_mutant_models_and_names_tags_the_features_use(string name)
    {
        var mutant = MutantPatch.Read(name, File.ReadAllText(PathOf(name)));

        mutant.Tags.Should().NotBeEmpty($"{name}.patch must name the tags whose scenarios should catch it");
        var features = string.Join('\n', Directory.GetFiles(Path.Combine(RepositoryRoot, "Features"), "*.feature", SearchOption.AllDirectories)
            .Select(File.ReadAllText));
        mutant.Tags.Where(tag => !Regex.IsMatch(features, $@"@{Regex.Escape(tag)}(\s|$)", RegexOptions.Multiline)).Should()
            .BeEmpty($"{name}.patch must name only tags some scenario carries, or its gate would run nothing");
        mutant.ChangedFiles.Should().OnlyContain(path => MutantPatch.MutableFolders.Any(path.StartsWith),
            $"{name}.patch must change the pipeline, its alert rules or its scripts, not the suite that judges it");
    }

    [Theory]
    [MemberData(nameof(Mutants))]
    public async Task The_patch_applies_to_the_current_sources(string name)
    {
        var check = await ProcessRun.RunAsync("git", ["apply", "--check", PathOf(name)], TimeSpan.FromMinutes(1), workingDirectory: RepositoryRoot,
            ct: TestContext.Current.CancellationToken);

        check.ExitCode.Should().Be(0, $"{name}.patch no longer applies; write it again against the current sources:\n{check.Errors}");
    }

    [Fact]
    public void A_header_without_its_fields_is_refused_with_the_reason()
    {
        var patch = "diff --git a/scripts/restore.sh b/scripts/restore.sh\n";

        FluentActions.Invoking(() => MutantPatch.Read("bare", patch)).Should().Throw<FormatException>().WithMessage("*line 1 must be \"Models: ...\"*");
        FluentActions.Invoking(() => MutantPatch.Read("tagless", "Models: a bug\n" + patch)).Should().Throw<FormatException>().WithMessage("*line 2 must be \"Tags: ...\"*");
        FluentActions.Invoking(() => MutantPatch.Read("empty", "Models: a bug\nTags: gate\n")).Should().Throw<FormatException>().WithMessage("*holds no diff*");
        var good = MutantPatch.Read("good", "Models: a bug\nTags: gate, smoke\n\n" + patch);
        (good.Models, good.Tags, good.ChangedFiles).Should().BeEquivalentTo(("a bug", new[] { "gate", "smoke" }, new[] { "scripts/restore.sh" }));
    }
}
