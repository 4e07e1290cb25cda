using System.Text.RegularExpressions;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>
/// The README stays a map (small, two commands at its top) and dated measurements live only in
/// docs/benchmarks.md, so no other page goes stale with the machine it was measured on.
/// </summary>
public sealed partial class DocumentationRulesTests
{
    private const int ReadmeLimitBytes = 10 * 1024;
    private static readonly string Root = SuiteSteps.RepositoryRoot;

    [Fact]
    public void The_readme_stays_under_ten_kilobytes()
    {
        var size = new FileInfo(Path.Combine(Root, "README.md")).Length;

        size.Should().BeLessThan(ReadmeLimitBytes, "the README is a map; depth belongs in docs/");
    }

    [Fact]
    public void The_readme_opens_with_exactly_the_two_set_up_commands()
    {
        var commands = CommandsOfFirstCodeBlock(File.ReadAllText(Path.Combine(Root, "README.md")));

        commands.Select(c => c.Split(' ', 2)[0]).Should().Equal("scripts/gate.sh", "scripts/test.sh");
    }

    [Fact]
    public void Only_the_benchmarks_page_carries_dated_figures()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "benchmarks.md")
            .Append(Path.Combine(Root, "README.md"));

        var dated = pages.SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, number: index + 1)))
            .Where(l => IsDatedFigure(l.line))
            .Select(l => $"{Path.GetRelativePath(Root, l.path)}:{l.number}: {l.line.Trim()}");

        dated.Should().BeEmpty("dated measurements belong in docs/benchmarks.md only");
    }

    [Theory]
    [InlineData("| all tests (2026-12-02, quiet machine) | 31 m 56 s |", true)]
    [InlineData("Measured on 2026-12-01: 25.5 min", true)]
    [InlineData("Decided on 2026-12-07.", false)]
    [InlineData("restore to --target-time \"2026-12-01 03:04:05+00\"", false)]
    [InlineData("the whole gate takes about 8 minutes on 2 cores", false)]
    public void A_dated_figure_is_a_date_beside_a_number(string line, bool dated) =>
        IsDatedFigure(line).Should().Be(dated);

    [Fact]
    public void A_first_code_block_with_a_third_command_is_seen()
    {
        var commands = CommandsOfFirstCodeBlock("# t\n\n```bash\nscripts/gate.sh   # gate\n# a comment\n\nscripts/test.sh\nmake\n```\n");

        commands.Should().Equal("scripts/gate.sh   # gate", "scripts/test.sh", "make");
    }

    /// <summary>The first fenced block's command lines: not blank, not a comment.</summary>
    private static List<string> CommandsOfFirstCodeBlock(string markdown) =>
        markdown.ReplaceLineEndings("\n").Split('\n')
            .SkipWhile(line => !line.StartsWith("```", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => !line.StartsWith("```", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

    /// <summary>An ISO date (a time of day beside it belongs to it) and, elsewhere on the line, a number.</summary>
    private static bool IsDatedFigure(string line) =>
        IsoDate().IsMatch(line) && Digit().IsMatch(IsoDate().Replace(line, ""));

    [GeneratedRegex(@"\b20\d\d-\d\d-\d\d([ T]\d\d:\d\d(:\d\d)?([+-]\d\d(:?\d\d)?|Z)?)?")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();
}
