namespace ApiServer.Uploads.PdfStructure;

/// <summary>
/// The uploaded bytes are not a readable PDF. The message completes "The PDF cannot be read: …" for the person who
/// uploaded it; the cause is always the file, never the server, so the upload is refused for good.
/// </summary>
public sealed class MalformedPdfException(string reason) : Exception(reason);
