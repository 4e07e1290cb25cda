namespace ApiServer.Uploads;

/// <summary>
/// Byte searches over a seekable stream (a staged upload on disk) through a small buffer, so checks
/// that look for markers anywhere in a file never need the whole file in memory.
/// </summary>
public static class SeekableBytes
{
    private const int WindowBytes = 64 * 1024;

    /// <summary>The position of the first <paramref name="pattern"/> at or after <paramref name="from"/>, or -1.</summary>
    public static long IndexOf(Stream content, ReadOnlySpan<byte> pattern, long from, byte[] window)
    {
        var position = from;
        while (true)
        {
            var read = ReadAt(content, position, window);
            var at = window.AsSpan(0, read).IndexOf(pattern);
            if (at >= 0) return position + at;
            if (read < window.Length) return -1;
            position += read - pattern.Length + 1; // Overlap, so a pattern across two windows is still found.
        }
    }

    public static byte[] NewWindow() => new byte[WindowBytes];

    /// <summary>Fills <paramref name="into"/> from <paramref name="position"/>; fewer bytes only at the end.</summary>
    public static int ReadAt(Stream content, long position, Span<byte> into)
    {
        if (position < 0 || position >= content.Length) return 0;
        content.Position = position;
        return content.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
    }
}

/// <summary>A read-only window onto part of a seekable stream, e.g. one PDF stream's data for inflating.</summary>
public sealed class StreamSlice(Stream inner, long start, long length) : Stream
{
    private long _offset;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _offset);
        if (wanted <= 0) return 0;
        inner.Position = start + _offset;
        var read = inner.Read(buffer[..wanted]);
        _offset += read;
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _offset; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
