using System.Buffers.Binary;

namespace Pipeline.TestKit.Documents;

/// <summary>
/// Deterministic raster "paper" as a 24-bit BMP (a format PDFsharp imports): an off-white page with
/// scanner speckles, or pure noise to make a file big without making it compressible.
/// </summary>
internal static class ScanImage
{
    /// <param name="speckleEvery">On average one dark speckle per this many pixels; tunes the compressed size.</param>
    public static byte[] Paper(int width, int height, int seed, int speckleEvery)
    {
        var random = new Random(seed); // seeded: identical pixels on every run
        return Bmp(width, height, (_, _) =>
        {
            var shade = random.Next(speckleEvery) == 0 ? (byte)random.Next(40, 160) : (byte)246;
            return (shade, shade, shade);
        });
    }

    public static byte[] Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        return Bmp(width, height, (_, _) => ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
    }

    private static byte[] Bmp(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var rowBytes = (width * 3 + 3) & ~3;
        const int headerBytes = 14 + 40;
        var bytes = new byte[headerBytes + rowBytes * height];
        var span = bytes.AsSpan();
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], headerBytes);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], height);
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], rowBytes * height);
        BinaryPrimitives.WriteInt32LittleEndian(span[38..], 2835); // 72 dpi
        BinaryPrimitives.WriteInt32LittleEndian(span[42..], 2835);
        for (var y = 0; y < height; y++)
        {
            var row = headerBytes + y * rowBytes;
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                bytes[row + x * 3] = b;
                bytes[row + x * 3 + 1] = g;
                bytes[row + x * 3 + 2] = r;
            }
        }
        return bytes;
    }
}
