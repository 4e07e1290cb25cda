using ApiServer.Http;
using ApiServer.Uploads.PdfStructure;

namespace ApiServer.Uploads;

/// <summary>What the inspector learned from a readable PDF; no page count when encryption hid it.</summary>
public sealed record PdfFacts(int? PageCount);

/// <summary>
/// Judges an upload by its content, never its name: a PDF starts with <c>%PDF-</c>, ends with
/// <c>%%EOF</c>, has a page tree with at least one page (<see cref="PdfPageTree"/>, which reads the structure in
/// small windows, so memory does not grow with the document) and carries no <c>/Encrypt</c> entry in its trailer.
/// A damaged file is refused as corrupt; only a failure of the staged file itself (an I/O error) escapes.
/// </summary>
public static class PdfInspector
{
    public const string MimeType = "application/pdf";

    private static readonly byte[] Magic = "%PDF-"u8.ToArray();
    private static readonly byte[] EndOfFile = "%%EOF"u8.ToArray();
    private static readonly byte[] EncryptKey = "/Encrypt"u8.ToArray();

    // The spec lets writers append a little after %%EOF (line ends, padding); 1 KiB is what readers tolerate.
    private const int EndOfFileWindow = 1024;

    public static (PdfFacts? Facts, UploadRejection? Rejection) Inspect(byte[] content) =>
        Inspect(new MemoryStream(content, writable: false));

    /// <param name="content">The uploaded bytes as a seekable stream (the staged file); read in small windows, never whole.</param>
    public static (PdfFacts? Facts, UploadRejection? Rejection) Inspect(Stream content)
    {
        Span<byte> head = stackalloc byte[Magic.Length];
        if (SeekableBytes.ReadAt(content, 0, head) < Magic.Length || !head.SequenceEqual(Magic))
        {
            return (null, new UploadRejection(StatusCodes.Status415UnsupportedMediaType, ErrorKeys.UnsupportedType,
                "Only PDF documents are accepted (the content is not a PDF, whatever its name)."));
        }
        var tail = new byte[(int)Math.Min(EndOfFileWindow, content.Length)];
        if (tail.AsSpan(0, SeekableBytes.ReadAt(content, content.Length - tail.Length, tail)).IndexOf(EndOfFile) < 0)
        {
            return (null, Corrupt("The PDF is truncated (no end-of-file marker)."));
        }

        if (DecompressionGuard.ExpandsBeyondLimit(content))
        {
            return (null, Corrupt($"The PDF's compressed content expands to more than {DecompressionGuard.MaxExpandedBytes / (1024 * 1024)} MB " +
                                  "(a decompression bomb); no document needs that much."));
        }

        try
        {
            var outline = PdfPageTree.Read(content);
            if (outline.IsEncrypted)
            {
                return (null, Encrypted());
            }
            return outline.Pages > 0
                ? (new PdfFacts(outline.Pages), null)
                : (null, Corrupt("The PDF has no pages."));
        }
        catch (MalformedPdfException) when (HasEncryptEntry(content))
        {
            // An encrypted file whose trailer could not be read still names its encryption dictionary.
            return (null, Encrypted());
        }
        catch (MalformedPdfException damage)
        {
            return (null, Corrupt($"The PDF cannot be read: {damage.Message}."));
        }
    }

    /// <summary>
    /// True when the file's trailer (classic or cross-reference stream dictionary) names an
    /// encryption dictionary. Both are stored uncompressed, so a byte search finds them.
    /// </summary>
    public static bool HasEncryptEntry(Stream content)
    {
        var window = SeekableBytes.NewWindow();
        Span<byte> next = stackalloc byte[1];
        var index = SeekableBytes.IndexOf(content, EncryptKey, 0, window);
        while (index >= 0)
        {
            var after = index + EncryptKey.Length;
            // "/Encrypt" followed by a delimiter, not "/EncryptMetadata".
            if (SeekableBytes.ReadAt(content, after, next) == 0 || !char.IsLetterOrDigit((char)next[0]))
            {
                return true;
            }
            index = SeekableBytes.IndexOf(content, EncryptKey, after, window);
        }
        return false;
    }

    private static UploadRejection Corrupt(string message) =>
        UploadRejection.Unprocessable(ErrorKeys.CorruptDocument, message);

    private static UploadRejection Encrypted() =>
        UploadRejection.Unprocessable(ErrorKeys.EncryptedDocument, "Encrypted or password-protected PDFs are not accepted.");
}
