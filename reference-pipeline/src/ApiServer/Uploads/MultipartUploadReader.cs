using ApiServer.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ApiServer.Uploads;

/// <summary>The <c>file</c> part of an upload, received completely and within the size limit; the caller disposes it.</summary>
public sealed record ReceivedFile(string? FileName, StagedUpload Content);

/// <summary>
/// Streams a multipart/form-data body and keeps only the <c>file</c> part, copied to a staged file
/// while counting bytes, so no upload is ever held whole in memory and an oversized one is refused midway.
/// </summary>
public static class MultipartUploadReader
{
    public const string FieldName = "file";

    public static async Task<(ReceivedFile? File, UploadRejection? Rejection)> ReadAsync(
        HttpRequest request, long maxBytes, Func<StagedUpload> stage, CancellationToken cancellationToken)
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
            return await ReadFilePartAsync(new MultipartReader(boundary, request.Body), request.Body, maxBytes, stage, cancellationToken);
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
        MultipartReader reader, Stream body, long maxBytes, Func<StagedUpload> stage, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FieldName, StringComparison.Ordinal))
            {
                continue; // Other fields are ignored; the reader skips their bodies.
            }

            var staged = stage();
            try
            {
                if (await staged.CopyWithinLimitAsync(section.Body, maxBytes, cancellationToken))
                    return (new ReceivedFile(FileNameOf(disposition), staged), null);
            }
            catch
            {
                await staged.DisposeAsync();
                throw;
            }
            await staged.DisposeAsync();
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
}
