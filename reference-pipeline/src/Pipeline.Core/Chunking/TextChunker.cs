using System.Text.RegularExpressions;
using Pipeline.Core.Options;
using Pipeline.Contract;

namespace Pipeline.Core.Chunking;

/// <summary>
/// Deterministic, token-aware chunker: windows of at most MaxTokens cl100k tokens that end on a
/// paragraph break where one falls in the second half of the window, else on a sentence end,
/// else at the token limit; each window starts OverlapTokens before the previous one ended.
/// </summary>
public sealed partial class TextChunker : IChunker
{
    /// <summary>OpenAI's per-input limit for embedding models.</summary>
    public const int MaxInputTokens = 8191;
    private const string AlgorithmRevision = "v1";

    public int MaxTokens { get; }
    public int OverlapTokens { get; }

    /// <summary>Changes whenever the output could change, so chunks of different settings never mix.</summary>
    public string Version => $"cl100k-{MaxTokens}-{OverlapTokens}-{AlgorithmRevision}";

    public TextChunker(ChunkingOptions options) : this(options.MaxTokens, options.OverlapTokens) { }

    public TextChunker(int maxTokens, int overlapTokens)
    {
        if (maxTokens is < 16 or > MaxInputTokens)
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, $"Chunking:MaxTokens must be 16..{MaxInputTokens}.");
        if (overlapTokens < 0 || overlapTokens > maxTokens / 2)
            throw new ArgumentOutOfRangeException(nameof(overlapTokens), overlapTokens, "Chunking:OverlapTokens must be 0..MaxTokens/2.");
        MaxTokens = maxTokens;
        OverlapTokens = overlapTokens;
    }

    /// <summary>Characters read from the text at a time (<see cref="TextSegments"/>); the output does not depend on it.</summary>
    public int SegmentChars { get; init; } = TextSegments.DefaultSegmentChars;

    /// <summary>
    /// Chunks the text as it is read: a chunk is yielded as soon as the text after it is known well
    /// enough to choose its end, and the window behind it is dropped (<see cref="TokenWindow"/>).
    /// </summary>
    public IEnumerable<TextChunk> Chunk(Guid documentId, TextReader text)
    {
        var window = new TokenWindow(ParagraphBreak(), SentenceEnd());
        var hasText = false;
        var ordinal = 0;
        var start = 0;
        foreach (var segment in TextSegments.Read(text, SegmentChars))
        {
            window.Append(segment);
            hasText |= !string.IsNullOrWhiteSpace(segment);
            // Text that is blank all through has no chunks, so none is made before the first non-blank character.
            while (hasText && window.TokenEnd > start + MaxTokens)
            {
                var end = ChooseEnd(window, start);
                yield return MakeChunk(documentId, ordinal++, window, start, end);
                start = end - OverlapTokens;
                window.DropBefore(start);
            }
        }
        if (!hasText) yield break;
        while (start < window.TokenEnd)
        {
            var end = ChooseEnd(window, start);
            yield return MakeChunk(documentId, ordinal++, window, start, end);
            if (end == window.TokenEnd) break;
            start = end - OverlapTokens;
        }
    }

    /// <summary>Where the chunk starting at token <paramref name="start"/> ends, seeing the tokens appended so far.</summary>
    private int ChooseEnd(TokenWindow window, int start)
    {
        var hardEnd = Math.Min(start + MaxTokens, window.TokenEnd);
        if (hardEnd == window.TokenEnd) return hardEnd;
        // Never cut before half the window: chunks stay large and the next start moves forward.
        var earliest = start + Math.Max(OverlapTokens + 1, MaxTokens / 2);
        return LastBoundary(window.IsParagraphEnd) ?? LastBoundary(window.IsSentenceEnd) ?? hardEnd;

        int? LastBoundary(Func<int, bool> isBoundary)
        {
            for (var end = hardEnd; end >= earliest; end--)
            {
                if (isBoundary(window.EndOf(end - 1))) return end;
            }
            return null;
        }
    }

    private TextChunk MakeChunk(Guid documentId, int ordinal, TokenWindow window, int start, int end)
    {
        var from = window.StartOf(start);
        var to = Math.Max(from, window.EndOf(end - 1));
        var content = window.Text(from, to);
        return new TextChunk(ChunkIds.For(documentId, ordinal, Version), ordinal, Version, content,
            ChunkIds.Sha256Hex(content), end - start, from, to);
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    // The end of a sentence (or of a line): the punctuation is kept with the sentence.
    [GeneratedRegex(@"[.!?;:](?=\s)|\n")]
    private static partial Regex SentenceEnd();
}
