using System.Text.RegularExpressions;
using Acceptance.Support.Drivers;

namespace Acceptance.Support.Integrity;

/// <summary>
/// Whether the chunks hold a text from outside the pipeline's own storage (what the parser returned, the words the
/// test document was written with), not only what the pipeline stored of it: every word of that text, in its order,
/// in the chunks read one after another (their overlaps repeat words, which the order check skips over). Pure, so
/// the selftests show it failing on fabricated text.
/// </summary>
public static partial class ChunkWordChecks
{
    /// <summary>How many of the text's words, from its first, the chunks hold in order; the first one missing, if any.</summary>
    public static WordCoverage Cover(string text, IReadOnlyList<StoredChunk> chunks)
    {
        var returned = Words(text);
        var stored = chunks.OrderBy(c => c.Ordinal).SelectMany(c => Words(c.Content)).ToList();
        var found = 0;
        for (var at = 0; found < returned.Count && at < stored.Count; at++)
        {
            if (stored[at] == returned[found]) found++;
        }
        var missing = found < returned.Count
            ? $"\"{returned[found]}\" (word {found + 1}, after \"{string.Join(' ', returned.Skip(Math.Max(0, found - 6)).Take(Math.Min(found, 6)))}\")"
            : null;
        return new WordCoverage(returned.Count, stored.Count, found, missing);
    }

    /// <summary>Every word of the text is in the chunks, in order; <paramref name="whatText"/> names the text in the failure ("the parser returned").</summary>
    public static void ChunksHoldEveryWord(WordCoverage coverage, string whatText)
    {
        if (coverage.TextWords == 0)
            throw new Xunit.Sdk.XunitException($"there are no words {whatText}, for a document that was embedded");
        if (coverage.FirstMissing is { } missing)
            throw new Xunit.Sdk.XunitException(
                $"the chunks hold only the first {coverage.WordsInOrder} of the {coverage.TextWords} words {whatText}, in order " +
                $"({coverage.ChunkWords} words in the chunks, overlaps included); the first one missing is {missing}");
    }

    private static List<string> Words(string text) => Word().Matches(text).Select(m => m.Value).ToList();

    /// <summary>Letters and digits only: markdown marks, punctuation and line breaks are no words.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

/// <summary>The text's word count, the chunks' (overlaps included), and how many of the text's words the chunks hold in order.</summary>
public sealed record WordCoverage(int TextWords, int ChunkWords, int WordsInOrder, string? FirstMissing);
