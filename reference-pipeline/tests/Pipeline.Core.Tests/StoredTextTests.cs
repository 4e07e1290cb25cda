using FluentAssertions;
using Pipeline.Core.Errors;
using Xunit;

namespace Pipeline.Core.Tests;

public sealed class StoredTextTests
{
    [Fact]
    public void Nul_and_other_control_characters_are_removed_but_tabs_and_line_breaks_stay()
    {
        StoredText.Clean("we ac\0knowledge\u0001 receipt\u001B\f\v\tof\r\nyour claim")
            .Should().Be("we acknowledge receipt\tof\r\nyour claim");
    }

    [Fact]
    public void Unpaired_surrogates_become_the_replacement_character_and_pairs_stay()
    {
        StoredText.Clean("a\uD800b\uDC00c\uD83D\uDE00").Should().Be("a\uFFFDb\uFFFDc\uD83D\uDE00");
        StoredText.Clean("tail\uD83D").Should().Be("tail\uFFFD");
    }

    [Fact]
    public void Clean_text_is_returned_as_it_is()
    {
        const string text = "Gebäudeversicherung: 350.000 EUR — 保险";
        StoredText.Clean(text).Should().BeSameAs(text);
    }
}
