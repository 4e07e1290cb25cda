using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Acceptance.Support.Drivers;
using FluentAssertions;

namespace Acceptance.Support.Integrity;

/// <summary>
/// What the data-integrity Thens check, as pure functions of data already read from the target, so
/// each can be shown to fail on fabricated data (selftest's StoredDataCheckTests) without a pipeline.
/// Each throws an assertion failure naming what is wrong.
/// </summary>
public static partial class StoredDataChecks
{
    /// <summary>Two vectors are the same embedding when no component differs by more than this (float32 read back from pgvector).</summary>
    public const float VectorTolerance = 1e-5f;

    public static void StoredFileIsTheUpload(byte[] uploaded, byte[] stored) =>
        Convert.ToHexStringLower(SHA256.HashData(stored)).Should().Be(Convert.ToHexStringLower(SHA256.HashData(uploaded)),
            "the stored file must be the uploaded file");

    /// <summary>The final chunks reach the end of the parsed text: its last eight words close the last chunk.</summary>
    public static void ChunksReachTheEndOf(string parsedText, IReadOnlyList<StoredChunk> chunks)
    {
        chunks.Should().NotBeEmpty("an embedded document has at least one chunk");
        var ending = string.Join(' ', Normalize(parsedText).Split(' ').TakeLast(8));
        Normalize(chunks[^1].Content).Should().EndWith(ending, "the final chunks must reach the end of the parsed document");
    }

    /// <summary>
    /// Each stored vector is the embedding of its own chunk's text: <paramref name="embeddingOf"/> recomputes
    /// it (the mock's deterministic function), so a vector stored against another chunk differs.
    /// </summary>
    public static void EachVectorBelongsToItsChunk(IReadOnlyList<StoredChunk> chunks, Func<string, float[]> embeddingOf)
    {
        chunks.Should().NotBeEmpty("an embedded document has at least one chunk");
        var strangers = chunks
            .Where(chunk => !SameVector(chunk.Embedding, embeddingOf(chunk.Content)))
            .Select(chunk => chunk.Ordinal)
            .ToList();
        strangers.Should().BeEmpty("each stored vector must be the embedding of its own chunk's text, but the vectors of chunks {0} are not",
            string.Join(", ", strangers));
    }

    /// <summary>Retried for the whole retry window: the last retry is at most one (longest) backoff before the window's end.</summary>
    public static void RetriedForTheWholeWindow(IReadOnlyList<DateTimeOffset> retriedAt, TimeSpan window, TimeSpan longestBackoff)
    {
        retriedAt.Should().HaveCountGreaterThanOrEqualTo(2, "a failure that might pass is retried");
        var retried = retriedAt[^1] - retriedAt[0] + longestBackoff * 2;
        retried.Should().BeGreaterThanOrEqualTo(window, "it is retried for its whole retry window, not for a small count of attempts");
    }

    private static bool SameVector(float[] stored, float[] expected) =>
        stored.Length == expected.Length && stored.Zip(expected).All(pair => Math.Abs(pair.First - pair.Second) <= VectorTolerance);

    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
