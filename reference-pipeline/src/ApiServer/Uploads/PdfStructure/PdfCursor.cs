namespace ApiServer.Uploads.PdfStructure;

/// <summary>Reads a seekable stream byte by byte through one small buffer, so any position costs the same memory.</summary>
public sealed class PdfCursor(Stream source)
{
    private readonly byte[] _buffer = new byte[4096];
    private long _bufferStart;
    private int _bufferLength;

    public long Position { get; set; }

    public long Length => source.Length;

    public Stream Source => source;

    /// <summary>The byte at <see cref="Position"/>, or -1 at the end.</summary>
    public int Peek()
    {
        if (Position < _bufferStart || Position >= _bufferStart + _bufferLength)
        {
            _bufferStart = Position;
            _bufferLength = SeekableBytes.ReadAt(source, Position, _buffer);
            if (_bufferLength == 0) return -1;
        }
        return _buffer[Position - _bufferStart];
    }

    public int Read()
    {
        var next = Peek();
        if (next >= 0) Position++;
        return next;
    }
}
