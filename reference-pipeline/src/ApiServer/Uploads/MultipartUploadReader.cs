using ApiServer.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ApiServer.Uploads;

/// <summary>The <c>file</c> part of an upload, read completely and within the size limit.</summary>
public sealed record ReceivedFile(string? FileName, byte[] Content);

/// <summary>
/// Streams a multipart/form-data body and keeps only the <c>file</c> part, counting bytes while
/// reading so an oversized file is refused without ever being buffered whole.
/// </summary>
public static class MultipartUploadReader
{
    public const string FieldName = "file";

    public static async Task<(ReceivedFile? File, UploadRejection? Rejection)> ReadAsync(
        HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new UploadRejection(StatusCodes.Status415UnsupportedMediaType, ErrorKeys.MissingFile,
                $"Send the document as multipart/form-data in a field named '{FieldName}'."));
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, UploadRejection.BadRequest(ErrorKeys.MalformedRequest, "The multipart boundary is missing."));
        }

        try
        {
            return await ReadFilePartAsync(new MultipartReader(boundary, request.Body), request.Body, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own ceiling on the whole request (UploadOptions.MaxRequestBytes); the connection closes after the answer.
            return (null, UploadRejection.TooLarge(maxBytes));
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Failures of reading this body are the client's: a truncated body or a client that went away
            // (Kestrel's BadHttpRequestException and ConnectionResetException are IOExceptions), a broken
            // boundary or an over-long part header (InvalidDataException from MultipartReader). Refused here,
            // where their cause is known; any other IOException (storage) is a server failure, not bad input.
            return (null, UploadRejection.BadRequest(ErrorKeys.MalformedRequest, "The request body is not valid multipart/form-data."));
        }
    }

    private static async Task<(ReceivedFile? File, UploadRejection? Rejection)> ReadFilePartAsync(
        MultipartReader reader, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FieldName, StringComparison.Ordinal))
            {
                continue; // Other fields are ignored; the reader skips their bodies.
            }

            var content = await ReadLimitedAsync(section.Body, maxBytes, cancellationToken);
            if (content is not null)
                return (new ReceivedFile(FileNameOf(disposition), content), null);
            await DrainAsync(body, cancellationToken);
            return (null, UploadRejection.TooLarge(maxBytes));
        }
        return (null, UploadRejection.BadRequest(ErrorKeys.MissingFile, $"The request has no part named '{FieldName}'."));
    }

    /// <summary>
    /// Reads and discards the rest of an oversized body. Clients send the whole body before they
    /// read the answer; closing early would hand them a connection reset instead of a clear 413.
    /// Kestrel's own ceiling (<see cref="Options.UploadOptions.MaxRequestBytes"/>) still cuts off absurd bodies.
    /// </summary>
    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            await body.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            // Beyond Kestrel's ceiling: the connection is closed; nothing more can be done for this client.
        }
    }

    // filename* (RFC 5987, UTF-8) wins over filename, which may be MIME-encoded by some clients.
    private static string? FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
        return name.HasValue ? HeaderUtilities.RemoveQuotes(name).Value : null;
    }

    /// <returns>The bytes, or null as soon as they exceed <paramref name="maxBytes"/>.</returns>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
