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

    public static bool ExpandsBeyondLimit(byte[] pdf, long limit = MaxExpandedBytes) =>
        ExpandsBeyondLimit(new MemoryStream(pdf, writable: false), limit);

    /// <param name="pdf">A seekable stream (the staged upload); read through small windows, never whole.</param>
    public static bool ExpandsBeyondLimit(Stream pdf, long limit = MaxExpandedBytes)
    {
        var budget = limit;
        var buffer = new byte[81920];
        foreach (var (start, length) in Streams(pdf))
        {
            try
            {
                using var inflater = new ZLibStream(new StreamSlice(pdf, start, length), CompressionMode.Decompress);
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
    private static IEnumerable<(long Start, long Length)> Streams(Stream pdf)
    {
        var window = SeekableBytes.NewWindow();
        var position = 0L;
        while (position < pdf.Length)
        {
            var keyword = SeekableBytes.IndexOf(pdf, StreamKeyword, position, window);
            if (keyword < 0) yield break;
            var start = keyword + StreamKeyword.Length;
            var (isEnd, lineEnd) = Around(pdf, keyword, start);
            if (isEnd || lineEnd == 0)
            {
                position = start;
                continue;
            }
            start += lineEnd;
            var end = SeekableBytes.IndexOf(pdf, EndStreamKeyword, start, window);
            if (end < 0) yield break;
            yield return (start, end - start);
            position = end + EndStreamKeyword.Length;
        }
    }

    /// <summary>Whether the keyword is the tail of <c>endstream</c>, and the length of the line end after it (0 when none).</summary>
    private static (bool IsEnd, int LineEnd) Around(Stream pdf, long keyword, long afterKeyword)
    {
        Span<byte> before = stackalloc byte[3];
        var isEnd = keyword >= 3 && SeekableBytes.ReadAt(pdf, keyword - 3, before) == 3 && before.SequenceEqual("end"u8);
        Span<byte> after = stackalloc byte[2];
        var read = SeekableBytes.ReadAt(pdf, afterKeyword, after);
        var lineEnd = read == 0 || after[0] is not ((byte)'\r' or (byte)'\n') ? 0
            : after[0] == '\r' && read == 2 && after[1] == '\n' ? 2 : 1;
        return (isEnd, lineEnd);
    }
}
