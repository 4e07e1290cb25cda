using System.IO.Compression;
using System.Text;

namespace ApiServer.Tests.Support;

/// <summary>
/// A large, valid one-page PDF written straight to disk: the page shows one greyscale "scan" whose
/// Flate-compressed pixels are incompressible noise, so the file is about as big as the image, and
/// every check that inflates streams has real work to do. Written, never held, so the test process's
/// own allocations stay out of the api-server's figure.
/// </summary>
public static class LargePdf
{
    /// <summary>Writes the PDF to <paramref name="path"/> with roughly <paramref name="approximateBytes"/> and returns its size.</summary>
    public static long Write(string path, long approximateBytes)
    {
        var side = (int)Math.Sqrt(approximateBytes);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
        var offsets = new List<long>();
        void Text(string text) => file.Write(Encoding.ASCII.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(file.Position);
            Text($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Text("%PDF-1.7\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Scan 5 0 R >> >> /Contents 4 0 R >>");
        const string drawing = "q 595 0 0 842 0 0 cm /Scan Do Q";
        Object($"<< /Length {drawing.Length} >>\nstream\n{drawing}\nendstream");

        // The image: its Length is only known after compressing, so it refers to object 6.
        offsets.Add(file.Position);
        Text($"5 0 obj\n<< /Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray " +
             "/BitsPerComponent 8 /Filter /FlateDecode /Length 6 0 R >>\nstream\n");
        var start = file.Position;
        using (var zlib = new ZLibStream(file, CompressionLevel.Fastest, leaveOpen: true))
        {
            var noise = new Random(side);
            var row = new byte[side];
            for (var y = 0; y < side; y++)
            {
                noise.NextBytes(row);
                zlib.Write(row);
            }
        }
        var length = file.Position - start;
        Text("\nendstream\nendobj\n");
        Object(length.ToString());

        var xref = file.Position;
        var table = new StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) table.Append($"{offset:D10} 00000 n \n");
        Text(table.ToString());
        Text($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return file.Length;
    }
}
