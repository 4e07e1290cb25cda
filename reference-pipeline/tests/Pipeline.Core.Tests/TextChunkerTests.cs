using FluentAssertions;
using Pipeline.Core.Chunking;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

public sealed class TextChunkerTests
{
    private static readonly Guid DocumentId = Guid.Parse("7f3c1a52-0c1e-4c55-9d8e-2a7b5e1f0c11");

    [Fact]
    public void The_same_input_gives_the_same_chunks_and_ids()
    {
        var text = SampleText.Policy(40);

        var first = new TextChunker(128, 16).Chunk(DocumentId, text);
        var second = new TextChunker(128, 16).Chunk(DocumentId, text);

        first.Should().HaveCountGreaterThan(5);
        second.Should().BeEquivalentTo(first, o => o.WithStrictOrdering());
        first.Select(c => c.ChunkId).Should().OnlyHaveUniqueItems();
        first.Select(c => c.Ordinal).Should().Equal(Enumerable.Range(0, first.Count));
        first[0].ChunkId.Should().Be(ChunkIds.For(DocumentId, 0, "cl100k-128-16-v1"));
        new TextChunker(128, 16).Chunk(Guid.NewGuid(), text).Select(c => c.ChunkId)
            .Should().NotIntersectWith(first.Select(c => c.ChunkId), "ids are per document");
    }

    [Fact]
    public void Chunks_stay_within_the_token_limit_and_cover_the_whole_text()
    {
        var text = SampleText.Policy(60);

        var chunks = new TextChunker(100, 20).Chunk(DocumentId, text);

        chunks.Should().OnlyContain(c => c.TokenCount <= 100 && Cl100k.CountTokens(c.Content) <= 100);
        chunks.Should().OnlyContain(c => c.ContentSha256 == ChunkIds.Sha256Hex(c.Content));
        chunks[0].StartOffset.Should().Be(0);
        chunks[^1].EndOffset.Should().Be(text.Length);
        chunks.Zip(chunks.Skip(1)).Should().OnlyContain(pair => pair.Second.StartOffset <= pair.First.EndOffset, "no text falls between chunks");
    }

    [Fact]
    public void Neighbouring_chunks_overlap_by_the_configured_tokens()
    {
        var text = SampleText.Policy(30);

        var chunks = new TextChunker(120, 24).Chunk(DocumentId, text);

        foreach (var (previous, next) in chunks.Zip(chunks.Skip(1)))
        {
            next.StartOffset.Should().BeLessThan(previous.EndOffset);
            var shared = text[next.StartOffset..previous.EndOffset];
            Cl100k.CountTokens(shared).Should().BeInRange(22, 26);
            previous.Content.Should().EndWith(shared);
            next.Content.Should().StartWith(shared);
        }
    }

    [Fact]
    public void Chunks_end_on_paragraph_or_sentence_boundaries_where_possible()
    {
        var text = SampleText.Policy(30);

        var chunks = new TextChunker(200, 0).Chunk(DocumentId, text);

        chunks.SkipLast(1).Should().OnlyContain(c => c.Content.EndsWith('.') || c.Content.EndsWith('\n') || c.Content.EndsWith(". "),
            "a cut falls after a sentence or paragraph, not mid-word");
        chunks.SkipLast(1).Count(c => c.Content.EndsWith('\n') || text[c.EndOffset..].StartsWith("\n\n", StringComparison.Ordinal))
            .Should().BeGreaterThan(0, "paragraph breaks are preferred when one falls in the window");
    }

    [Fact]
    public void A_sentence_longer_than_the_window_is_cut_at_the_token_limit()
    {
        var text = string.Join(' ', Enumerable.Repeat("indemnification", 500));

        var chunks = new TextChunker(64, 8).Chunk(DocumentId, text);

        chunks.Should().HaveCountGreaterThan(10);
        chunks.SkipLast(1).Should().OnlyContain(c => c.TokenCount == 64);
    }

    [Fact]
    public void The_version_names_the_tokenizer_and_settings()
    {
        new TextChunker(512, 64).Version.Should().Be("cl100k-512-64-v1");
        new TextChunker(256, 32).Version.Should().Be("cl100k-256-32-v1");
        new TextChunker(256, 32).Chunk(DocumentId, "A short clause.").Should().ContainSingle()
            .Which.ChunkerVersion.Should().Be("cl100k-256-32-v1");
    }

    [Fact]
    public void Blank_text_has_no_chunks_and_bad_settings_are_refused()
    {
        new TextChunker(512, 64).Chunk(DocumentId, " \n\n\t ").Should().BeEmpty();
        FluentActions.Invoking(() => new TextChunker(9000, 64)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new TextChunker(100, 60)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
