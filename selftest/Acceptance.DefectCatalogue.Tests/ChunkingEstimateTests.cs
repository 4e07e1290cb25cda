using Acceptance.Support.RealApi;
using FluentAssertions;
using Pipeline.Contract;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>The chunks the contract's limits make of a text, as the suite estimates them for costs and the real-vs-mock comparison.</summary>
public sealed class ChunkingEstimateTests
{
    private const int MaxTokens = 512;
    private const int OverlapTokens = 64;

    [Fact]
    public void A_text_within_one_chunk_is_one_chunk_of_its_own_tokens()
    {
        var estimate = ChunkingEstimate.Of("The policy covers water damage.", MaxTokens, OverlapTokens);

        estimate.Tokens.Should().Be(Cl100k.CountTokens("The policy covers water damage."));
        estimate.Chunks.Should().Be(1);
        estimate.ChunkedTokens.Should().Be(estimate.Tokens);
    }

    [Fact]
    public void A_longer_text_is_cut_into_full_chunks_each_repeating_the_overlap()
    {
        var text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"clause {i} applies."));
        var tokens = Cl100k.CountTokens(text);
        tokens.Should().BeGreaterThan(2 * MaxTokens, "the text must need more than two chunks");

        var estimate = ChunkingEstimate.Of(text, MaxTokens, OverlapTokens);

        // The first chunk takes 512 tokens, every further one 448 new ones (and 64 it shares with the one before).
        var expectedChunks = 1 + (int)Math.Ceiling((tokens - MaxTokens) / (double)(MaxTokens - OverlapTokens));
        estimate.Chunks.Should().Be(expectedChunks);
        estimate.ChunkedTokens.Should().Be(tokens + (expectedChunks - 1L) * OverlapTokens);
    }

    [Fact]
    public void An_empty_text_has_no_chunks() =>
        ChunkingEstimate.Of("  \n", MaxTokens, OverlapTokens).Should().Be(new ChunkingEstimate(0, 0, 0));

    [Fact]
    public void An_overlap_as_large_as_the_chunk_is_refused() =>
        FluentActions.Invoking(() => ChunkingEstimate.Of("text", 64, 64)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*overlap*");
}
