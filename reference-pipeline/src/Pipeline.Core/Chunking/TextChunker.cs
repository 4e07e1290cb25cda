using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
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

    public IReadOnlyList<TextChunk> Chunk(Guid documentId, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var tokens = Cl100k.Tokenizer.EncodeToTokens(text, out _);
        var paragraphEnds = BoundaryPositions(ParagraphBreak(), text, includeMatchStart: true);
        var sentenceEnds = BoundaryPositions(SentenceEnd(), text, includeMatchStart: false);

        var chunks = new List<TextChunk>();
        var start = 0;
        while (start < tokens.Count)
        {
            var end = ChooseEnd(tokens, text.Length, start, paragraphEnds, sentenceEnds);
            chunks.Add(MakeChunk(documentId, chunks.Count, text, tokens, start, end));
            if (end == tokens.Count) break;
            start = end - OverlapTokens;
        }
        return chunks;
    }

    private int ChooseEnd(IReadOnlyList<EncodedToken> tokens, int textLength, int start,
        HashSet<int> paragraphEnds, HashSet<int> sentenceEnds)
    {
        var hardEnd = Math.Min(start + MaxTokens, tokens.Count);
        if (hardEnd == tokens.Count) return hardEnd;
        // Never cut before half the window: chunks stay large and the next start moves forward.
        var earliest = start + Math.Max(OverlapTokens + 1, MaxTokens / 2);
        return LastBoundary(paragraphEnds) ?? LastBoundary(sentenceEnds) ?? hardEnd;

        int? LastBoundary(HashSet<int> boundaries)
        {
            for (var end = hardEnd; end >= earliest; end--)
            {
                if (boundaries.Contains(tokens[end - 1].Offset.End.GetOffset(textLength))) return end;
            }
            return null;
        }
    }

    private TextChunk MakeChunk(Guid documentId, int ordinal, string text, IReadOnlyList<EncodedToken> tokens, int start, int end)
    {
        var from = tokens[start].Offset.Start.GetOffset(text.Length);
        var to = Math.Max(from, tokens[end - 1].Offset.End.GetOffset(text.Length));
        var content = text[from..to];
        return new TextChunk(ChunkIds.For(documentId, ordinal, Version), ordinal, Version, content,
            ChunkIds.Sha256Hex(content), end - start, from, to);
    }

    private static HashSet<int> BoundaryPositions(Regex pattern, string text, bool includeMatchStart)
    {
        var positions = new HashSet<int>();
        foreach (Match match in pattern.Matches(text))
        {
            if (includeMatchStart) positions.Add(match.Index);
            positions.Add(match.Index + match.Length);
        }
        return positions;
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    // The end of a sentence (or of a line): the punctuation is kept with the sentence.
    [GeneratedRegex(@"[.!?;:](?=\s)|\n")]
    private static partial Regex SentenceEnd();
}
