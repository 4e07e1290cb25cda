using ApiServer.Http;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace ApiServer.Uploads;

/// <summary>What the inspector learned from a readable PDF; no page count when encryption hid it.</summary>
public sealed record PdfFacts(int? PageCount);

/// <summary>
/// Judges an upload by its content, never its name: a PDF starts with <c>%PDF-</c>, ends with
/// <c>%%EOF</c>, opens in PdfPig, and carries no <c>/Encrypt</c> entry in its trailer.
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
            content.Position = 0;
            using var document = PdfDocument.Open(content);
            if (document.IsEncrypted)
            {
                return (null, Encrypted());
            }
            return document.NumberOfPages > 0
                ? (new PdfFacts(document.NumberOfPages), null)
                : (null, Corrupt("The PDF has no pages."));
        }
        catch (PdfDocumentEncryptedException)
        {
            return (null, Encrypted());
        }
        catch (Exception) when (HasEncryptEntry(content))
        {
            // PdfPig may fail on an encryption scheme it does not implement before it reports the
            // document as encrypted; the trailer's /Encrypt entry still tells.
            return (null, Encrypted());
        }
        catch (Exception)
        {
            // Words for people: the reader's exception type would tell them nothing.
            return (null, Corrupt("The PDF cannot be read: its structure is damaged or incomplete."));
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
