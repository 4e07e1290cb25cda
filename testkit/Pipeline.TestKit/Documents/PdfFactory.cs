using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;

namespace Pipeline.TestKit.Documents;

/// <summary>Creates and saves PDFsharp documents so that the same input always gives the same bytes.</summary>
internal static partial class PdfFactory
{
    /// <summary>Every document claims this date, so no clock leaks into the bytes.</summary>
    private static readonly DateTime FixedDate = new(2025, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    public static PdfDocument NewDocument(string title)
    {
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Author = "Northwind Mutual Insurance (synthetic test data)";
        document.Info.Creator = "Pipeline.TestKit";
        document.Info.CreationDate = FixedDate;
        document.Info.ModificationDate = FixedDate;
        document.Options.CompressContentStreams = true;
        return document;
    }

    /// <summary>Saves with a document /ID derived from <paramref name="identity"/> instead of a random one.</summary>
    public static byte[] Save(PdfDocument document, string identity)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 8));
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return FixSubsetTags(FixXmpUuids(output.ToArray(), id), id);
    }

    /// <summary>
    /// Embedded font subsets get a random six-letter tag ("NIXQAE+DejaVu Sans"); give each one a tag
    /// derived from the document id instead, everywhere it is named.
    /// </summary>
    private static byte[] FixSubsetTags(byte[] pdf, string id)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var tags = SubsetTag().Matches(text).Select(m => m.Groups["tag"].Value).Distinct().ToList();
        for (var i = 0; i < tags.Count; i++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{id}/font/{i}"));
            var tag = new string(hash.Take(6).Select(b => (char)('A' + b % 26)).ToArray());
            text = text.Replace($"/{tags[i]}+", $"/{tag}+", StringComparison.Ordinal);
        }
        return Encoding.Latin1.GetBytes(text);
    }

    [GeneratedRegex("/FontName/(?<tag>[A-Z]{6})\\+")]
    private static partial Regex SubsetTag();

    /// <summary>
    /// PDFsharp writes fresh random UUIDs into the XMP metadata on every save and offers no switch for
    /// it; overwrite them in place with UUIDs derived from the document id (same length, so every
    /// cross-reference offset stays valid). Encrypted documents must keep their metadata unencrypted.
    /// </summary>
    private static byte[] FixXmpUuids(byte[] pdf, string id)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var counter = 0;
        var fixedText = XmpUuid().Replace(text, _ =>
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{id}/{counter++}"));
            return "uuid:" + new Guid(hash.AsSpan(0, 16)).ToString("D");
        });
        return Encoding.Latin1.GetBytes(fixedText);
    }

    [GeneratedRegex("uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex XmpUuid();
}
