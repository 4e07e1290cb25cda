using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Mocks.Tests.Support;

/// <summary>Real PDFs made with PDFsharp, one line of text per page.</summary>
public static class TestPdf
{
    private static readonly Lazy<bool> FontsReady = new(() =>
    {
        GlobalFontSettings.FontResolver ??= new DejaVuFontResolver();
        return true;
    });

    public static byte[] WithPages(params string[] pageTexts) => Create(pageTexts, ownerPassword: null, userPassword: null);

    /// <summary>A password-protected PDF; with only an owner password it still opens without one.</summary>
    public static byte[] Encrypted(string text, string ownerPassword, string? userPassword) =>
        Create([text], ownerPassword, userPassword);

    private static byte[] Create(string[] pageTexts, string? ownerPassword, string? userPassword)
    {
        _ = FontsReady.Value;
        using var document = new PdfDocument();
        if (ownerPassword is not null)
        {
            document.SecuritySettings.OwnerPassword = ownerPassword;
            document.SecuritySettings.UserPassword = userPassword ?? "";
        }

        var font = new XFont("DejaVu Sans", 12);
        foreach (var text in pageTexts)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            graphics.DrawString(text, font, XBrushes.Black, new XPoint(72, 72));
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>Linux has no Windows fonts; PDFsharp needs to be told where DejaVu lives.</summary>
    private sealed class DejaVuFontResolver : IFontResolver
    {
        private const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) => new("DejaVuSans");

        public byte[] GetFont(string faceName) => File.ReadAllBytes(FontPath);
    }
}
