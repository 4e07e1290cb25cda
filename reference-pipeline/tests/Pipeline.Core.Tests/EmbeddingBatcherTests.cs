using FluentAssertions;
using Pipeline.Core.Chunking;
using Xunit;

namespace Pipeline.Core.Tests;

public sealed class EmbeddingBatcherTests
{
    [Fact]
    public void Batches_hold_at_most_2048_inputs()
    {
        var items = Enumerable.Range(0, 5000).ToList();

        var batches = EmbeddingBatcher.Split(items, _ => 10);

        batches.Select(b => b.Count).Should().Equal(2048, 2048, 904);
        batches.SelectMany(b => b).Should().Equal(items, "order is kept");
    }

    [Fact]
    public void Batches_hold_at_most_300000_tokens()
    {
        var items = Enumerable.Range(0, 100).ToList();

        var batches = EmbeddingBatcher.Split(items, _ => 8000);

        batches.Should().OnlyContain(b => b.Count * 8000 <= 300_000);
        batches.Select(b => b.Count).Should().Equal(37, 37, 26);
    }

    [Fact]
    public void Mixed_sizes_fill_each_request_up_to_the_token_limit()
    {
        var tokens = new[] { 200_000, 100_000, 1, 299_999, 300_000 };

        var batches = EmbeddingBatcher.Split(tokens, t => t);

        batches.Select(b => b.ToArray()).Should().BeEquivalentTo(
            new[] { new[] { 200_000, 100_000 }, new[] { 1, 299_999 }, new[] { 300_000 } }, o => o.WithStrictOrdering());
        EmbeddingBatcher.Split(Array.Empty<int>(), t => t).Should().BeEmpty();
    }
}
