using System.Text;
using FluentAssertions;
using Pipeline.Core.Chunking;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Core.Tests;

/// <summary>
/// The chunker reads a document in segments and keeps only a window of it: the chunks are those of the
/// whole text read at once, and a long text is not read further than the next chunk needs.
/// </summary>
public sealed class StreamingChunkerTests
{
    private static readonly Guid DocumentId = Guid.Parse("2d0b7c1e-5a8f-4f7e-b1f4-6c0a9e3d8b21");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Reading_in_segments_gives_the_chunks_of_the_whole_text_read_at_once(int segmentChars)
    {
        var text = ManualLikeText(pages: 40);
        var wholeAtOnce = new TextChunker(96, 16) { SegmentChars = text.Length + 1 }.Chunk(DocumentId, text);

        var inSegments = new TextChunker(96, 16) { SegmentChars = segmentChars }.Chunk(DocumentId, text);

        wholeAtOnce.Should().HaveCountGreaterThan(30);
        inSegments.Should().BeEquivalentTo(wholeAtOnce, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Segments_are_cut_only_where_a_line_begins_with_a_letter_or_digit()
    {
        var text = ManualLikeText(pages: 10);

        var segments = TextSegments.Read(new StringReader(text), 50).ToList();

        string.Concat(segments).Should().Be(text);
        segments.Should().HaveCountGreaterThan(10);
        segments.SkipLast(1).Should().OnlyContain(s => s.EndsWith('\n'));
        segments.Skip(1).Should().OnlyContain(s => char.IsLetterOrDigit(s[0]));
    }

    [Fact]
    public void A_long_text_is_read_only_as_far_as_the_next_chunk_needs()
    {
        using var text = new CountingReader(ManualLikeText(pages: 4000));
        var chunker = new TextChunker(512, 64);

        var first = chunker.Chunk(DocumentId, text).Take(3).ToList();

        first.Should().HaveCount(3);
        text.CharsRead.Should().BeLessThanOrEqualTo(4 * chunker.SegmentChars,
            $"three chunks need a few segments, not the whole text of {text.Length} characters");
    }

    [Fact]
    public void Blank_text_read_in_segments_has_no_chunks()
    {
        var blank = string.Concat(Enumerable.Repeat(" \n\t\n", 5000));

        new TextChunker(64, 8) { SegmentChars = 16 }.Chunk(DocumentId, blank).Should().BeEmpty();
    }

    /// <summary>
    /// Pages of a manual as a parser gives them: headings, indented code, numbered lists, lines that begin
    /// with punctuation or a space, Windows line ends, blank lines holding spaces, and page separators.
    /// </summary>
    private static string ManualLikeText(int pages)
    {
        var text = new StringBuilder();
        var policy = SampleText.Policy(2, 3);
        for (var page = 1; page <= pages; page++)
        {
            text.Append($"## {page}.1 Functions\r\n\r\n");
            text.Append(policy);
            text.Append("    x = linspace (0, 2*pi, 100);\n      plot (x, sin (x));\n");
            text.Append($"1. First item of page {page};\n2. second: see (page {page + 1}).\n");
            text.Append(" \t \n- a dash item\n-- two dashes\n\"quoted line\"\n");
            text.Append("\n---\n");
        }
        return text.ToString();
    }

    private sealed class CountingReader(string text) : StringReader(text)
    {
        public int Length { get; } = text.Length;
        public long CharsRead { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            var read = base.Read(buffer, index, count);
            CharsRead += read;
            return read;
        }
    }
}
