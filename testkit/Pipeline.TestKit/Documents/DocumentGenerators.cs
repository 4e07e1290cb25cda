using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Pipeline.TestKit.Documents;

/// <summary>A generated PDF and the text it was written with, line by line in reading order.</summary>
internal sealed record GeneratedPdf(byte[] Bytes, string Wording);

/// <summary>Builds each kind of test document. Pure functions of their arguments: same input, same bytes.</summary>
internal static class DocumentGenerators
{
    /// <summary>A one-page declarations page in non-embedded Helvetica: about 2 KB.</summary>
    public static GeneratedPdf SmallPolicy(string title, IReadOnlyList<string> lines)
    {
        var document = PdfFactory.NewDocument(title);
        var helvetica = StandardFontText.AddHelvetica(document);
        var page = document.AddPage();
        StandardFontText.WriteLines(page, helvetica, lines, left: 56, top: page.Height.Point - 72, fontSize: 10.5);
        return new GeneratedPdf(PdfFactory.Save(document, title), string.Join('\n', lines));
    }

    /// <summary>
    /// A scanned-looking plan document: every page is a raster image of paper with speckles, with an
    /// invisible OCR text layer underneath so text extraction works as it does on real scans.
    /// </summary>
    public static GeneratedPdf ScannedPlan(string title, int pages, int speckleEvery)
    {
        var document = PdfFactory.NewDocument(title);
        var wording = new List<string>();
        var helvetica = StandardFontText.AddHelvetica(document);
        for (var number = 1; number <= pages; number++)
        {
            var page = document.AddPage();
            using (var graphics = XGraphics.FromPdfPage(page))
            using (var scan = XImage.FromStream(new MemoryStream(ScanImage.Paper(306, 396, seed: number, speckleEvery))))
            {
                graphics.DrawImage(scan, 0, 0, page.Width.Point, page.Height.Point);
            }
            var lines = new List<string> { $"{title} - Evidence of Coverage", $"Page {number} of {pages}", "" };
            lines.AddRange(Wrap(Sentences(DocumentWording.PlanSentences, start: number, count: 6), width: 95));
            StandardFontText.WriteLines(page, helvetica, lines, left: 60, top: page.Height.Point - 80, fontSize: 10, invisible: true);
            wording.AddRange(lines);
        }
        return new GeneratedPdf(PdfFactory.Save(document, title), string.Join('\n', wording));
    }

    /// <summary>A scan without an OCR layer: page images only, so a parser finds no text at all.</summary>
    public static byte[] ImageOnlyScan(string title, int pages)
    {
        var document = PdfFactory.NewDocument(title);
        for (var number = 1; number <= pages; number++)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            using var scan = XImage.FromStream(new MemoryStream(ScanImage.Paper(306, 396, seed: 1000 + number, speckleEvery: 23)));
            graphics.DrawImage(scan, 0, 0, page.Width.Point, page.Height.Point);
        }
        return PdfFactory.Save(document, title);
    }

    /// <summary>An ordinary word-processor style document in embedded DejaVu Sans (font subset).</summary>
    public static GeneratedPdf TypesetDocument(string title, int pages, string[] sentenceBank)
    {
        DejaVuFontResolver.EnsureInstalled();
        var document = PdfFactory.NewDocument(title);
        var wording = new List<string>();
        var heading = new XFont(DejaVuFontResolver.Family, 16, XFontStyleEx.Bold);
        var body = new XFont(DejaVuFontResolver.Family, 10.5, XFontStyleEx.Regular);
        for (var number = 1; number <= pages; number++)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            var pageLine = $"{DocumentWording.Insurer} - page {number} of {pages}";
            graphics.DrawString(title, heading, XBrushes.Black, new XPoint(56, 72));
            graphics.DrawString(pageLine, body, XBrushes.DimGray, new XPoint(56, 92));
            wording.AddRange([title, pageLine]);
            var y = 130.0;
            foreach (var line in Wrap(Sentences(sentenceBank, start: number * 3, count: 12), width: 88))
            {
                graphics.DrawString(line, body, XBrushes.Black, new XPoint(56, y));
                wording.Add(line);
                y += 15;
            }
        }
        return new GeneratedPdf(PdfFactory.Save(document, title), string.Join('\n', wording));
    }

    /// <summary>A readable PDF whose user password is <paramref name="password"/>.</summary>
    public static byte[] Encrypted(string title, string password)
    {
        var document = PdfFactory.NewDocument(title);
        var helvetica = StandardFontText.AddHelvetica(document);
        var page = document.AddPage();
        StandardFontText.WriteLines(page, helvetica, ["Confidential claim settlement", "Claim CLM-2025-88213"], 56, page.Height.Point - 72, 11);
        // RC4 (not AES, whose random IVs would change the bytes on every run) and plain metadata
        // (so the XMP ids can be made deterministic); still a real password a parser cannot get past.
        document.SecurityHandler.SetEncryptionToV4UsingRC4(encryptMetadata: false);
        document.SecuritySettings.UserPassword = password;
        document.SecuritySettings.OwnerPassword = password + "-owner";
        return PdfFactory.Save(document, title);
    }

    /// <summary>A valid one-page PDF made larger than <paramref name="minimumBytes"/> by an incompressible image.</summary>
    public static byte[] Oversized(string title, long minimumBytes)
    {
        var document = PdfFactory.NewDocument(title);
        var helvetica = StandardFontText.AddHelvetica(document);
        var page = document.AddPage();
        var side = (int)Math.Ceiling(Math.Sqrt(minimumBytes / 3.0)) + 16; // 3 bytes per pixel, a little over
        using (var graphics = XGraphics.FromPdfPage(page))
        using (var noise = XImage.FromStream(new MemoryStream(ScanImage.Noise(side, side, seed: 11))))
        {
            graphics.DrawImage(noise, 0, 0, page.Width.Point, page.Height.Point);
        }
        StandardFontText.WriteLines(page, helvetica, ["High resolution site survey photograph"], 56, 40, 11);
        return PdfFactory.Save(document, title);
    }

    private static IEnumerable<string> Sentences(string[] bank, int start, int count) =>
        Enumerable.Range(start, count).Select(i => bank[i % bank.Length]);

    /// <summary>Greedy word wrap by character count; good enough for generated prose.</summary>
    private static IEnumerable<string> Wrap(IEnumerable<string> sentences, int width)
    {
        var line = "";
        foreach (var word in string.Join(' ', sentences).Split(' '))
        {
            if (line.Length + word.Length + 1 > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        if (line.Length > 0) yield return line;
    }
}
