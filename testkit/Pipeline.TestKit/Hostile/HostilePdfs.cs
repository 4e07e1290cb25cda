using System.Text;

namespace Pipeline.TestKit.Hostile;

/// <summary>
/// PDFs made to hurt a reader: broken structure, resource exhaustion, active content. Each is a
/// real file a careless reader mishandles; a careful API refuses it with a stable key, or accepts it
/// when it is a valid document after all (active content is inert text to a parser).
/// </summary>
public static class HostilePdfs
{
    public const string ControlText = "Hostile sweep control page";

    /// <summary>A valid, tiny, one-page document: the baseline the variants break.</summary>
    public static byte[] Valid(string marker) => RawPdf.OnePage($"{ControlText} {marker}").Save(root: 1);

    public static byte[] WrongXrefOffsets(string marker) => RawPdf.OnePage($"{ControlText} {marker}").Save(1, XrefStyle.WrongOffsets);

    public static byte[] NoXrefTable(string marker) => RawPdf.OnePage($"{ControlText} {marker}").Save(1, XrefStyle.Missing);

    /// <summary>A catalog entry nested <paramref name="depth"/> arrays deep: recursive readers overflow their stack.</summary>
    public static byte[] DeepArrayNesting(int depth) =>
        RawPdf.OnePage(ControlText, catalogExtras: $"/Deep {new string('[', depth)}1{new string(']', depth)}").Save(1);

    /// <summary>Dictionaries nested <paramref name="depth"/> deep.</summary>
    public static byte[] DeepDictionaryNesting(int depth)
    {
        var nested = new StringBuilder();
        for (var i = 0; i < depth; i++) nested.Append("<< /A ");
        nested.Append('1');
        for (var i = 0; i < depth; i++) nested.Append(" >>");
        return RawPdf.OnePage(ControlText, catalogExtras: $"/Deep {nested}").Save(1);
    }

    /// <summary>A page tree whose only kid is the tree itself: a reader that walks it never stops.</summary>
    public static byte[] PageTreeCycle()
    {
        var pdf = RawPdf.OnePage(ControlText);
        pdf.Set(2, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>");
        return pdf.Save(1);
    }

    /// <summary>A page tree claiming a million pages with one kid.</summary>
    public static byte[] LyingPageCount()
    {
        var pdf = RawPdf.OnePage(ControlText);
        pdf.Set(2, "<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>");
        return pdf.Save(1);
    }

    public static byte[] ZeroPages()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [] /Count 0 >>");
        return pdf.Save(1);
    }

    /// <summary>A page whose content stream inflates to <paramref name="expandedBytes"/> of zeros from a few hundred KB.</summary>
    public static byte[] DecompressionBomb(long expandedBytes)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>");
        pdf.AddStream("/Filter /FlateDecode", RawPdf.DeflatedZeros(expandedBytes));
        return pdf.Save(1);
    }

    /// <summary>Opens with a JavaScript action: inert to a text parser, so a valid document.</summary>
    public static byte[] WithJavaScript(string marker) =>
        RawPdf.OnePage($"{ControlText} {marker}", catalogExtras: "/OpenAction << /S /JavaScript /JS (app.alert\\('claim'\\);) >>").Save(1);

    /// <summary>An interactive form with a text field: a valid document.</summary>
    public static byte[] WithForm(string marker)
    {
        var pdf = RawPdf.OnePage($"{ControlText} {marker}", catalogExtras: "/AcroForm << /Fields [6 0 R] >>", pageExtras: "/Annots [6 0 R]");
        pdf.Add("<< /Type /Annot /Subtype /Widget /FT /Tx /T (policy_number) /V (NMI-HO-2025-004417) /Rect [72 600 300 620] /P 3 0 R >>");
        return pdf.Save(1);
    }

    /// <summary>A stream whose /Length is far longer than the file.</summary>
    public static byte[] LyingStreamLength(string marker)
    {
        var pdf = RawPdf.OnePage($"{ControlText} {marker}");
        pdf.Set(4, "<< /Length 99999999 >>\nstream\nBT /F1 12 Tf 72 720 Td (short) Tj ET\nendstream");
        return pdf.Save(1);
    }

    /// <summary>A catalog without a page tree.</summary>
    public static byte[] CatalogWithoutPages()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog >>");
        return pdf.Save(1);
    }
}
