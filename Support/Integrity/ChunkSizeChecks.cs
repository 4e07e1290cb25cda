using Acceptance.Support.Drivers;
using Acceptance.Support.RealApi;
using FluentAssertions;

namespace Acceptance.Support.Integrity;

/// <summary>
/// Whether a document's chunks keep to the configured chunk limits: no chunk over the maximum (counted again in cl100k,
/// never taken from the pipeline's own token_count), and as many chunks as the document's length needs. Pure, so the
/// selftests show it failing on fabricated chunks.
/// </summary>
public static class ChunkSizeChecks
{
    /// <summary>
    /// How many more chunks than full windows would make a document may have: a chunker that ends its windows at
    /// paragraph and sentence ends makes a few more, shorter ones, but one that needs twice as many cuts far below the size.
    /// </summary>
    public const double MostChunksPerFullWindow = 2.0;

    /// <summary>The chunks' cl100k sizes and count beside what the parsed text's length allows.</summary>
    public static ChunkSizes Measure(string parsedText, IReadOnlyList<StoredChunk> chunks, int maxTokens, int overlapTokens)
    {
        var sizes = chunks.OrderBy(c => c.Ordinal).Select(c => Pipeline.Contract.Cl100k.CountTokens(c.Content)).ToList();
        var fullWindows = ChunkingEstimate.Of(parsedText, maxTokens, overlapTokens);
        return new ChunkSizes(maxTokens, overlapTokens, fullWindows.Tokens, sizes,
            FewestChunks: fullWindows.Chunks, MostChunks: (int)Math.Ceiling(fullWindows.Chunks * MostChunksPerFullWindow));
    }

    /// <summary>Every chunk at most the configured size, and their number within what the document's length needs.</summary>
    public static void KeepToTheLimits(ChunkSizes measured)
    {
        measured.Sizes.Should().NotBeEmpty("an embedded document has at least one chunk");
        var oversized = measured.Sizes.Select((tokens, ordinal) => (tokens, ordinal)).Where(c => c.tokens > measured.MaxTokens)
            .Select(c => $"chunk {c.ordinal} has {c.tokens}").ToList();
        oversized.Should().BeEmpty("every chunk must hold at most {0} cl100k tokens (Acceptance:Pipeline:ChunkMaxTokens), but {1}",
            measured.MaxTokens, string.Join(", ", oversized));
        measured.Sizes.Count.Should().BeInRange(measured.FewestChunks, measured.MostChunks,
            "a document of {0} tokens cut into windows of at most {1} tokens, {2} shared with the one before, makes {3} to {4} chunks",
            measured.DocumentTokens, measured.MaxTokens, measured.OverlapTokens, measured.FewestChunks, measured.MostChunks);
    }
}

/// <summary>A document's chunk sizes (cl100k tokens, in chunk order) and the range of chunk counts its length allows.</summary>
public sealed record ChunkSizes(int MaxTokens, int OverlapTokens, int DocumentTokens, IReadOnlyList<int> Sizes, int FewestChunks, int MostChunks)
{
    /// <summary>What the evidence file shows: the smallest, median and largest chunk, and the count against the range.</summary>
    public object AsEvidence()
    {
        var sorted = Sizes.Order().ToList();
        return new
        {
            maxTokens = MaxTokens, overlapTokens = OverlapTokens, documentTokens = DocumentTokens,
            chunks = Sizes.Count, expectedChunks = new { fewest = FewestChunks, most = MostChunks },
            chunkTokens = sorted.Count == 0 ? null : new { min = sorted[0], median = sorted[sorted.Count / 2], max = sorted[^1] },
        };
    }
}
