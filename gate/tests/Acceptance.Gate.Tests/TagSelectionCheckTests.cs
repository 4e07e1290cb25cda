using System.Diagnostics;
using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>A tag no feature file uses is a typo until proven otherwise: the gate names the closest tags and starts nothing.</summary>
public sealed class TagSelectionCheckTests
{
    private static readonly GherkinInventory Repo = GherkinInventory.Load(FixturePaths.Of("repo", "Features"));

    [Theory]
    [InlineData("--tags", "gat", "--tags: no scenario has the tag 'gat'; did you mean 'gate'?")]
    [InlineData("--exclude-tags", "slwo", "--exclude-tags: no scenario has the tag 'slwo'; did you mean 'slow'")]
    [InlineData("--tags", "criterion:4.3-resource", "did you mean 'criterion:4.3-resources'")]
    [InlineData("--tags", "@smok", "did you mean 'smoke'")]
    [InlineData("--tags", "performance", "--tags: no scenario has the tag 'performance'; no feature file uses a tag like it.")]
    public void An_unknown_tag_stops_the_run_with_the_closest_known_tags(string option, string tag, string message)
    {
        var options = GateOptionsParser.Parse([option, tag]);

        var check = () => TagSelectionCheck.Check(options, Repo);

        check.Should().Throw<GateUsageException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void Every_unknown_tag_is_named_at_once()
    {
        var options = GateOptionsParser.Parse(["--tags", "gate,smoek", "--exclude-tags", "wipp"]);

        var check = () => TagSelectionCheck.Check(options, Repo);

        check.Should().Throw<GateUsageException>().Which.Message.Should()
            .Contain("'smoek'; did you mean 'smoke'").And.Contain("'wipp'; did you mean 'wip'").And.NotContain("'gate';");
    }

    [Fact]
    public void Tags_of_the_feature_files_and_of_the_tag_grammar_are_known_in_any_case()
    {
        // disruptive and ignore are in no fixture scenario, but they are the grammar's own tags.
        var options = GateOptionsParser.Parse(["--tags", "GATE,criterion:4.1-error-handling,owner:dana", "--exclude-tags", "wip,ignore,disruptive"]);

        var check = () => TagSelectionCheck.Check(options, Repo);

        check.Should().NotThrow();
    }

    [Fact]
    public async Task The_gate_exits_with_bad_configuration_before_anything_starts()
    {
        var reports = Directory.CreateTempSubdirectory("gate-unknown-tag-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Acceptance.Gate.dll"),
                "--tags", "gat", "--features", FixturePaths.Of("repo", "Features"), "--reports", reports])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var gate = Process.Start(start)!;
            var output = await gate.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
                + await gate.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await gate.WaitForExitAsync(TestContext.Current.CancellationToken);

            gate.ExitCode.Should().Be(ExitCodes.BadConfiguration, output);
            output.Should().Contain("did you mean 'gate'?");
            Directory.EnumerateFileSystemEntries(reports).Should().BeEmpty("nothing ran, so nothing was written");
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    }
}
