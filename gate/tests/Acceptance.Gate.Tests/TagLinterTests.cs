using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class TagLinterTests
{
    private static readonly IReadOnlyList<LintError> Errors =
        TagLinter.Lint(GherkinInventory.Load(FixturePaths.Of("lint", "Features")), FixturePaths.Today);

    [Theory]
    [InlineData(3, "unknown tag @shiny")]
    [InlineData(7, "unknown criterion id \"4.9-teleportation\"")]
    [InlineData(12, "has 2 criterion tags")]
    [InlineData(16, "@gate scenario \"A gate scenario without a criterion\" has no @criterion:<id> tag")]
    [InlineData(19, "@quarantine needs @owner:<name>")]
    [InlineData(23, "@quarantine needs @expires:YYYY-MM-DD")]
    [InlineData(27, "@expires:31/01/2030 is not a date")]
    [InlineData(31, "@owner:dana is only meaningful with @quarantine")]
    public void Reports_each_kind_of_error_at_its_file_and_line(int line, string message)
    {
        Errors.Should().Contain(e => e.File == "Features/BadTags.feature" && e.Line == line && e.Message.Contains(message),
            because: "the linter found: " + string.Join(" / ", Errors));
    }

    [Fact]
    public void Reports_nothing_else_and_leaves_an_expired_quarantine_to_the_gate()
    {
        Errors.Should().HaveCount(8, because: string.Join(" / ", Errors));
        Errors.Should().NotContain(e => e.Line >= 35);
    }

    [Fact]
    public void Accepts_well_formed_features()
    {
        TagLinter.Lint(GherkinInventory.Load(FixturePaths.Of("repo", "Features")), FixturePaths.Today).Should().BeEmpty();
    }

    [Fact]
    public void Reports_unparseable_files()
    {
        TagLinter.Lint(GherkinInventory.Load(FixturePaths.Of("broken", "Features")), FixturePaths.Today)
            .Should().ContainSingle(e => e.File == "Features/Broken.feature" && e.Message.StartsWith("cannot parse"));
    }

    [Fact]
    public void Formats_errors_as_file_colon_line()
    {
        new LintError("Features/X.feature", 7, "unknown tag @y").ToString().Should().Be("Features/X.feature:7: unknown tag @y");
    }
}
