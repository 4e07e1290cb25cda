using System.IO.Compression;

namespace ApiServer.Uploads;

/// <summary>
/// Finds decompression bombs: a PDF whose compressed streams expand far beyond anything a document
/// needs (a few hundred KB of deflated zeros that inflate to gigabytes), which would exhaust the
/// memory of whatever parses it next. Inflates every Flate stream with a running budget and stops
/// as soon as the budget is spent, so checking costs at most the budget, never the bomb.
/// </summary>
public static class DecompressionGuard
{
    /// <summary>More than any real document needs: the 120-page scan in the test kit expands to a few MB.</summary>
    public const long MaxExpandedBytes = 128L * 1024 * 1024;

    private static readonly byte[] StreamKeyword = "stream"u8.ToArray();
    private static readonly byte[] EndStreamKeyword = "endstream"u8.ToArray();

    public static bool ExpandsBeyondLimit(ReadOnlyMemory<byte> pdf, long limit = MaxExpandedBytes)
    {
        var budget = limit;
        var buffer = new byte[81920];
        foreach (var (start, length) in Streams(pdf.Span))
        {
            try
            {
                using var inflater = new ZLibStream(new MemoryStream(pdf.Slice(start, length).ToArray(), writable: false), CompressionMode.Decompress);
                int read;
                while ((read = inflater.Read(buffer)) > 0)
                {
                    budget -= read;
                    if (budget < 0) return true;
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // Not zlib (images in DCT, uncompressed content, encrypted streams, damage): nothing to
                // expand. zlib reports some garbage as an IOException ("unexpected error code"), not
                // InvalidDataException; either way the cause is the uploaded bytes, never a 400 or 500.
            }
        }
        return false;
    }

    /// <summary>The data between each <c>stream</c> keyword's line end and the following <c>endstream</c>.</summary>
    private static IEnumerable<(int Start, int Length)> Streams(ReadOnlySpan<byte> pdf)
    {
        var found = new List<(int, int)>();
        var position = 0;
        while (position < pdf.Length)
        {
            var at = pdf[position..].IndexOf(StreamKeyword);
            if (at < 0) break;
            var keyword = position + at;
            var start = keyword + StreamKeyword.Length;
            var isEnd = keyword >= 3 && pdf[(keyword - 3)..keyword].SequenceEqual("end"u8);
            if (isEnd || start >= pdf.Length || pdf[start] is not ((byte)'\r' or (byte)'\n'))
            {
                position = start;
                continue;
            }
            if (pdf[start] == '\r' && start + 1 < pdf.Length && pdf[start + 1] == '\n') start++;
            start++;
            var end = pdf[start..].IndexOf(EndStreamKeyword);
            if (end < 0) break;
            found.Add((start, end));
            position = start + end + EndStreamKeyword.Length;
        }
        return found;
    }
}
