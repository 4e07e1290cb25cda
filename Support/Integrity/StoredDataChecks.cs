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
    /// The chunks, in order and with each one's overlap with the one before removed, are the parsed
    /// text character for character: each chunk is a passage of the parsed text that starts at or
    /// before where the previous one ended (no gap) and ends after it (progress), the first starts at
    /// the beginning and the last ends at the end. A word dropped, swapped or rewritten anywhere in a
    /// chunk makes it no passage of the text, and the failure shows where the two part.
    /// </summary>
    public static void ChunksReproduceTheParsedText(string parsedText, IReadOnlyList<StoredChunk> chunks)
    {
        chunks.Should().NotBeEmpty("an embedded document has at least one chunk");
        var covered = 0;
        var previousStart = -1;
        foreach (var chunk in chunks.OrderBy(c => c.Ordinal))
        {
            chunk.Content.Should().NotBeEmpty($"chunk {chunk.Ordinal} must carry text");
            var start = PassageStart(parsedText, chunk.Content, previousStart + 1, covered);
            if (start is null)
                throw new Xunit.Sdk.XunitException($"chunk {chunk.Ordinal} is not a passage of the parsed text: {WhereTheyPart(parsedText, chunk.Content, previousStart + 1)}");
            if (chunk.Ordinal == chunks.Min(c => c.Ordinal))
                start.Should().Be(0, "the first chunk must start where the parsed text starts");
            covered = Math.Max(covered, start.Value + chunk.Content.Length);
            previousStart = start.Value;
        }
        covered.Should().Be(parsedText.Length, "the last chunk must end where the parsed text ends");
    }

    /// <summary>Where the chunk occurs at or after <paramref name="from"/>, starting no later than <paramref name="covered"/> (no gap).</summary>
    private static int? PassageStart(string text, string content, int from, int covered)
    {
        for (var at = text.IndexOf(content, Math.Min(from, text.Length), StringComparison.Ordinal); at >= 0 && at <= covered;
             at = text.IndexOf(content, at + 1, StringComparison.Ordinal))
        {
            if (at + content.Length > covered || content.Length == 0) return at;
        }
        return null;
    }

    /// <summary>The chunk's opening words found in the text, then the first character where chunk and text differ.</summary>
    private static string WhereTheyPart(string text, string content, int from)
    {
        var opening = content[..Math.Min(40, content.Length)];
        var at = text.IndexOf(opening, Math.Min(from, text.Length), StringComparison.Ordinal);
        if (at < 0) return $"its opening \"{opening}\" is nowhere after the previous chunk's start";
        var same = 0;
        while (same < content.Length && at + same < text.Length && content[same] == text[at + same]) same++;
        string Around(string s, int i) => s.Substring(Math.Max(0, i - 30), Math.Min(s.Length, i + 30) - Math.Max(0, i - 30));
        return same == content.Length
            ? $"it runs past the end of the parsed text at character {at + same}"
            : $"at character {same} of the chunk it reads \"{Around(content, same)}\" where the parsed text reads \"{Around(text, at + same)}\"";
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

    /// <summary>
    /// A sample of stored vectors against their chunks' texts embedded again by the service: each fresh vector is
    /// nearly its chunk's stored one (cosine at least <paramref name="minCosine"/>: the real service's vectors differ
    /// in their last digits from call to call) and no nearer to another sampled chunk's stored vector, so a vector
    /// stored against a neighbour's chunk fails even where neighbouring texts read alike.
    /// </summary>
    public static void SampledVectorsAreTheirOwnChunks(IReadOnlyList<StoredChunk> sample, IReadOnlyList<float[]> fresh, double minCosine)
    {
        sample.Should().NotBeEmpty("an embedded document has at least one chunk to sample");
        fresh.Should().HaveSameCount(sample, "the service returns one vector for each text it was given");
        var strangers = sample.Select((chunk, i) => (chunk.Ordinal, Own: Cosine(fresh[i], chunk.Embedding),
                Nearest: sample.Where((_, j) => j != i).Select(other => (double?)Cosine(fresh[i], other.Embedding)).Max()))
            .Where(s => s.Own < minCosine || s.Nearest > s.Own + 1e-6)
            .Select(s => $"chunk {s.Ordinal} (cosine {s.Own:F4} with its own stored vector" +
                         (s.Nearest is { } nearest ? $", {nearest:F4} with another sampled chunk's)" : ")"))
            .ToList();
        strangers.Should().BeEmpty("each sampled chunk's stored vector must be the embedding of its own text, at cosine {0} or more: {1}",
            minCosine, string.Join("; ", strangers));
    }

    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length) return -1;
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
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
