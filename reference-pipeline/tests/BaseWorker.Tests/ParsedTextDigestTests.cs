using FluentAssertions;
using Pipeline.Core.Chunking;
using Xunit;

namespace BaseWorker.Tests;

public sealed class ParsedTextDigestTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(16 * 1024 - 1)]  // a surrogate pair split between the first two blocks read
    [InlineData(40_000)]
    public void Reading_block_by_block_gives_the_hash_and_length_of_the_whole_text(int emojiAt)
    {
        var text = new string('a', emojiAt) + "\U0001F4C4 Policy wording\n" + new string('b', 20_000) + "é";

        var digest = ParsedTextDigest.Of(new StringReader(text));

        digest.Sha256.Should().Be(ChunkIds.Sha256Hex(text));
        digest.Chars.Should().Be(text.Length);
    }

    [Fact]
    public void Text_is_found_after_a_long_run_of_page_structure()
    {
        var structure = string.Concat(Enumerable.Repeat("NO_CONTENT_HERE\n---\n", 10_000));

        ParsedText.HasText(new StringReader(structure)).Should().BeFalse();
        ParsedText.HasText(new StringReader(structure + "Section 1\n")).Should().BeTrue();
    }
}
