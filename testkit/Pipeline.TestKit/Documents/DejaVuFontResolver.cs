using PdfSharp.Fonts;

namespace Pipeline.TestKit.Documents;

/// <summary>
/// PDFsharp has no access to system fonts on Linux; this resolver serves the DejaVu TrueType files
/// (Debian package fonts-dejavu-core) for every family the generators ask for.
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string FontFolder = "/usr/share/fonts/truetype/dejavu";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(FontFolder, faceName + ".ttf");
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"Font {path} is missing. Install it with 'apt-get install -y fonts-dejavu-core' (scripts/setup.sh does it).");
        return File.ReadAllBytes(path);
    }

    private static readonly Lock InstallGate = new();

    /// <summary>Installs the resolver once per process (PDFsharp allows setting it only once).</summary>
    public static void EnsureInstalled()
    {
        lock (InstallGate)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new DejaVuFontResolver();
        }
    }
}
