using System.Globalization;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace Pipeline.TestKit.Documents;

/// <summary>
/// Text in Helvetica, one of the 14 standard PDF fonts every reader has built in, so nothing is
/// embedded: how small office PDFs and OCR text layers are usually made. PDFsharp's drawing API always
/// embeds a font subset (several KB), so these pages write their text operators directly.
/// </summary>
internal static class StandardFontText
{
    private const string ResourceName = "/Helv";

    public static PdfDictionary AddHelvetica(PdfDocument document)
    {
        var font = new PdfDictionary(document);
        font.Elements.SetName("/Type", "/Font");
        font.Elements.SetName("/Subtype", "/Type1");
        font.Elements.SetName("/BaseFont", "/Helvetica");
        font.Elements.SetName("/Encoding", "/WinAnsiEncoding");
        document.Internals.AddObject(font);
        return font;
    }

    /// <summary>Writes lines top-down from (left, top) in PDF points; invisible text is an OCR layer under a scan.</summary>
    public static void WriteLines(PdfPage page, PdfDictionary helvetica, IEnumerable<string> lines,
        double left, double top, double fontSize, bool invisible = false)
    {
        var fonts = page.Resources.Elements.GetDictionary("/Font");
        if (fonts is null)
        {
            fonts = new PdfDictionary(page.Owner);
            page.Resources.Elements["/Font"] = fonts;
        }
        fonts.Elements[ResourceName] = helvetica.Reference;

        var leading = fontSize * 1.35;
        var content = new StringBuilder();
        content.Append(CultureInfo.InvariantCulture, $"BT {ResourceName} {fontSize:0.##} Tf {leading:0.##} TL {(invisible ? 3 : 0)} Tr {left:0.##} {top:0.##} Td\n");
        foreach (var line in lines) content.Append('(').Append(Escape(line)).Append(") Tj T*\n");
        content.Append("ET\n");

        var stream = page.Contents.AppendContent();
        stream.CreateStream(Encoding.Latin1.GetBytes(content.ToString()));
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("(", "\\(", StringComparison.Ordinal)
            .Replace(")", "\\)", StringComparison.Ordinal);
}
