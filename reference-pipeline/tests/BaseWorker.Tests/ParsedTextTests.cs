using FluentAssertions;
using Xunit;

namespace BaseWorker.Tests;

public sealed class ParsedTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    [InlineData("\n---\n")]
    [InlineData("NO_CONTENT_HERE")]
    [InlineData("NO_CONTENT_HERE\n---\nNO_CONTENT_HERE\n---\n  NO_CONTENT_HERE  ")]
    public void Page_structure_and_blank_page_markers_alone_are_no_text(string markdown) =>
        ParsedText.HasText(markdown).Should().BeFalse();

    [Theory]
    [InlineData("NO_CONTENT_HERE\n---\nPolicy number 42")]
    [InlineData("# Claims handbook")]
    [InlineData("---\n\nPage 2 of 3")]
    [InlineData("The form reads NO_CONTENT_HERE in its footer")]
    public void Any_line_of_the_document_is_text(string markdown) => ParsedText.HasText(markdown).Should().BeTrue();
}
