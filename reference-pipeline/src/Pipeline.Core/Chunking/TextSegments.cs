namespace Pipeline.Core.Chunking;

/// <summary>
/// Reads a long text in segments of about <c>segmentChars</c> characters, each cut where a line
/// begins with a letter or digit. No token of the cl100k tokenizer and no paragraph or sentence
/// boundary the chunker looks for spans such a cut (they end at a line break at the latest, and a line
/// break is never the prefix of a word), so tokenizing and matching segment by segment gives exactly
/// what the whole text gives, while only one segment is in memory at a time. A text without such a
/// line start has no cut and comes as one segment.
/// </summary>
public static class TextSegments
{
    public const int DefaultSegmentChars = 16 * 1024;

    public static IEnumerable<string> Read(TextReader reader, int segmentChars = DefaultSegmentChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentChars, 1);
        var pending = new System.Text.StringBuilder();
        var buffer = new char[segmentChars];
        // Positions below this hold no cut: they were looked at already, so a text without cuts is scanned once.
        var scanned = 1;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            pending.Append(buffer, 0, read);
            if (pending.Length < segmentChars) continue;
            var cut = LastCut(pending, scanned);
            scanned = pending.Length;
            if (cut == 0) continue;
            yield return pending.ToString(0, cut);
            pending.Remove(0, cut);
            scanned = Math.Max(1, pending.Length);
        }
        if (pending.Length > 0) yield return pending.ToString();
    }

    /// <summary>The last position from <paramref name="from"/> on that follows a line feed and holds a letter or digit, or 0.</summary>
    private static int LastCut(System.Text.StringBuilder text, int from)
    {
        for (var position = text.Length - 1; position >= from; position--)
        {
            if (text[position - 1] == '\n' && char.IsLetterOrDigit(text[position])) return position;
        }
        return 0;
    }
}
