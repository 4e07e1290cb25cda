using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace MockLlamaParse.Parsing;

/// <summary>A parse failure as the job status reports it.</summary>
public sealed record ParseFailure(string ErrorCode, string Message);

/// <summary>
/// Extracts text page by page from real PDF bytes with PdfPig (<see cref="PageText"/> keeps the words apart), each
/// page appended to the job's page file as it is read.
/// </summary>
public static class PdfTextExtractor
{
    public const string UnsupportedFileType = "UNSUPPORTED_FILE_TYPE";
    public const string EncryptedDocument = "ENCRYPTED_DOCUMENT";
    public const string CorruptDocument = "CORRUPT_DOCUMENT";

    public static (ParsedDocument? Document, ParseFailure? Failure) Extract(byte[] content, PageFile pages)
    {
        if (!HasPdfHeader(content))
        {
            return (null, new ParseFailure(UnsupportedFileType, "The file is not a PDF: it has no %PDF- header."));
        }

        try
        {
            using var pdf = PdfDocument.Open(content);
            if (pdf.IsEncrypted)
            {
                return (null, new ParseFailure(EncryptedDocument, "The PDF is encrypted; remove the password protection and upload it again."));
            }

            var count = 0;
            foreach (var page in pdf.GetPages())
            {
                pages.Append(new ParsedPage(page.Number, PageText.Of(page)));
                count++;
            }
            return count == 0
                ? (null, new ParseFailure(CorruptDocument, "The PDF has no pages."))
                : (new ParsedDocument(pages, count), null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return (null, new ParseFailure(EncryptedDocument, "The PDF is encrypted; remove the password protection and upload it again."));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // PdfPig signals damage with many exception types; all of them mean the same to the client.
            return (null, new ParseFailure(CorruptDocument, $"The PDF could not be read: {exception.Message}"));
        }
    }

    // The PDF spec allows junk before the header; readers accept it within the first kilobyte.
    private static bool HasPdfHeader(byte[] content) =>
        content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF-"u8) >= 0;
}
