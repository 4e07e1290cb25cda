using FluentAssertions;
using Xunit;

namespace BaseWorker.Tests;

public sealed class ParsedTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    [InlineData("# Page 1\n\n\n\n---\n\n# Page 2\n\n")]
    [InlineData("\n\n---\n\n")]
    public void Page_structure_alone_is_no_text(string markdown) => ParsedText.HasText(markdown).Should().BeFalse();

    [Theory]
    [InlineData("# Page 1\n\nPolicy number 42")]
    [InlineData("# Claims handbook")]
    [InlineData("---\n\nPage 2 of 3")]
    public void Any_line_of_the_document_is_text(string markdown) => ParsedText.HasText(markdown).Should().BeTrue();
}
