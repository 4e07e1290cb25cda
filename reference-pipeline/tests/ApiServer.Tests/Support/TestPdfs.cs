using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace ApiServer.Tests.Support;

/// <summary>Real PDFs made with PDFsharp, each with unique text so every test has its own bytes.</summary>
public static class TestPdfs
{
    static TestPdfs() => GlobalFontSettings.FontResolver ??= new DejaVuFontResolver();

    public static byte[] InsurancePolicy(string? marker = null) => Create($"Insurance policy {marker ?? Guid.NewGuid().ToString()}", userPassword: null);

    public static byte[] Encrypted() => Create($"Confidential {Guid.NewGuid()}", userPassword: "open-sesame");

    public static byte[] Truncated() => InsurancePolicy()[..^200];

    private static byte[] Create(string text, string? userPassword)
    {
        var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawString(text, new XFont("DejaVu Sans", 12), XBrushes.Black, new XPoint(50, 80));
            graphics.DrawString("Coverage: household contents, liability, glass.", new XFont("DejaVu Sans", 10), XBrushes.Black, new XPoint(50, 110));
        }
        if (userPassword is not null)
        {
            document.SecuritySettings.UserPassword = userPassword;
            document.SecuritySettings.OwnerPassword = userPassword + "-owner";
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private sealed class DejaVuFontResolver : IFontResolver
    {
        private const string Folder = "/usr/share/fonts/truetype/dejavu";

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[] GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));
    }
}
