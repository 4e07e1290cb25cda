using System.IO.Compression;
using System.Text;

namespace Pipeline.TestKit.Hostile;

/// <summary>
/// Writes a PDF object by object, by hand, so that a test can break exactly the part it means to
/// (the cross-reference table, the page tree, a stream's compression) where a PDF library would refuse.
/// </summary>
public sealed class RawPdf
{
    private readonly List<byte[]> _objects = [];

    /// <summary>Adds an object (its body without "n 0 obj"/"endobj") and returns its number.</summary>
    public int Add(string body) => Add(Encoding.Latin1.GetBytes(body));

    public int Add(byte[] body)
    {
        _objects.Add(body);
        return _objects.Count;
    }

    /// <summary>A stream object: <paramref name="dictionary"/> entries (without Length) and its bytes.</summary>
    public int AddStream(string dictionary, byte[] data)
    {
        var head = Encoding.Latin1.GetBytes($"<< {dictionary} /Length {data.Length} >>\nstream\n");
        return Add([.. head, .. data, .. "\nendstream"u8]);
    }

    /// <summary>Replaces an object's body, e.g. to point the page tree at itself.</summary>
    public void Set(int number, string body) => _objects[number - 1] = Encoding.Latin1.GetBytes(body);

    /// <param name="root">The catalog's object number.</param>
    /// <param name="xref">How to write the cross-reference table: correct, with wrong offsets, or not at all.</param>
    public byte[] Save(int root, XrefStyle xref = XrefStyle.Correct)
    {
        using var output = new MemoryStream();
        Write(output, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < _objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write(output, $"{i + 1} 0 obj\n");
            output.Write(_objects[i]);
            Write(output, "\nendobj\n");
        }
        var xrefAt = output.Position;
        if (xref != XrefStyle.Missing)
        {
            Write(output, $"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
            foreach (var offset in offsets)
                Write(output, $"{(xref == XrefStyle.WrongOffsets ? offset * 7 + 13 : offset):D10} 00000 n \n");
        }
        Write(output, $"trailer\n<< /Size {_objects.Count + 1} /Root {root} 0 R >>\nstartxref\n{(xref == XrefStyle.Missing ? 0 : xrefAt)}\n%%EOF\n");
        return output.ToArray();
    }

    /// <summary>The usual one-page document: catalog 1, pages 2, page 3, contents 4, Helvetica 5.</summary>
    public static RawPdf OnePage(string text, string catalogExtras = "", string pageExtras = "")
    {
        var pdf = new RawPdf();
        pdf.Add($"<< /Type /Catalog /Pages 2 0 R {catalogExtras} >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> {pageExtras} >>");
        pdf.AddStream("", Encoding.Latin1.GetBytes($"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"));
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        return pdf;
    }

    /// <summary>zlib (FlateDecode) of <paramref name="size"/> zero bytes, written in pieces so it never holds them all.</summary>
    public static byte[] DeflatedZeros(long size)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (long written = 0; written < size; written += block.Length)
                zlib.Write(block, 0, (int)Math.Min(block.Length, size - written));
        }
        return compressed.ToArray();
    }

    private static void Write(Stream output, string text) => output.Write(Encoding.Latin1.GetBytes(text));
}

public enum XrefStyle
{
    Correct,
    WrongOffsets,
    Missing,
}
