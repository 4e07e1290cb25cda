using ApiServer.Data;
using ApiServer.Http;
using ApiServer.Metrics;
using ApiServer.Options;
using Microsoft.Extensions.Options;
using Pipeline.Core.Defects;
using Pipeline.Core.Logging;
using Pipeline.Core.Storage;
using Pipeline.Contract;

namespace ApiServer.Uploads;

/// <summary>
/// Turns an upload request into a stored document and a queued job, or a rejection that leaves
/// nothing behind: the upload streams to a staged file, every check reads it from there, and only an
/// accepted one is renamed into place; a refusal or any failure removes the staged file, a failed insert
/// the adopted one.
/// </summary>
public sealed class UploadService(
    DocumentStore store,
    IDocumentIdentity identity,
    IDocumentInspection inspection,
    JobStore jobs,
    DocumentStorage storage,
    PipelineMetrics metrics,
    IUploadCounter uploads,
    PipelineDefects defects,
    IOptions<UploadOptions> options,
    ILogger<UploadService> logger)
{
    public async Task<(UploadResult? Result, UploadRejection? Rejection)> UploadAsync(
        HttpRequest request, string userId, Guid correlationId, CancellationToken ct)
    {
        try
        {
            var (file, rejection) = await ReceiveAsync(request, ct);
            await using var staged = file?.Content;
            if (rejection is not null)
            {
                uploads.Count(UploadOutcome.Rejected);
                metrics.UploadRejections.WithLabels(rejection.Key).Inc();
                logger.LogInformation("Upload rejected: {Reason}", rejection.Key);
                return (null, rejection);
            }

            var result = await StoreAsync(file!, userId, correlationId, ct);
            uploads.Count(result.Deduplicated ? UploadOutcome.Deduplicated : UploadOutcome.Accepted);
            return (result, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            uploads.Count(UploadOutcome.Failed);
            throw;
        }
    }

    private async Task<(AcceptedFile? File, UploadRejection? Rejection)> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var maxBytes = options.Value.MaxBytes;
        var (received, rejection) = await MultipartUploadReader.ReadAsync(request, maxBytes, () => StagedUpload.Create(storage), ct);
        // Test-only defect: an unreadable body fails like a server fault instead of being refused.
        if (rejection?.Key == ErrorKeys.MalformedRequest && defects.IsOn(PipelineDefects.MalformedMultipart500))
            throw new InvalidOperationException("The multipart body could not be read.");
        if (rejection is not null) return (null, rejection);
        AcceptedFile? accepted = null;
        try
        {
            (accepted, var refused) = Check(received!);
            return (accepted, refused);
        }
        finally
        {
            if (accepted is null) await received!.Content.DisposeAsync(); // Refused: the staged file goes.
        }
    }

    private (AcceptedFile? File, UploadRejection? Rejection) Check(ReceivedFile received)
    {
        if (!FileNameRules.TrySanitize(received!.FileName, out var fileName))
        {
            return (null, UploadRejection.BadRequest(ErrorKeys.InvalidFilename,
                "The file name is missing, contains control characters or path segments."));
        }
        if (received.Content.Length == 0)
        {
            return (null, UploadRejection.BadRequest(ErrorKeys.EmptyFile, "The file is empty."));
        }
        var (facts, notPdf) = inspection.Inspect(received.Content.Content);
        return notPdf is not null ? (null, notPdf) : (new AcceptedFile(fileName, received.Content, facts!.PageCount), null);
    }

    private async Task<UploadResult> StoreAsync(AcceptedFile file, string userId, Guid correlationId, CancellationToken ct)
    {
        var (documentId, jobId) = (Guid.NewGuid(), Guid.NewGuid());
        var sha256 = identity.StoredKey(file.Content.Sha256, documentId);
        if (await identity.FindExistingAsync(userId, sha256, file.FileName, ct) is { } existing)
        {
            return existing.State == Pipeline.Contract.JobStates.Deadletter && !defects.IsOn(PipelineDefects.NoRestartOnReupload)
                ? await RestartAsync(existing, userId, ct)
                : Deduplicated(existing);
        }

        using var _ = PipelineLogging.PushJobContext(correlationId, jobId, documentId);
        var path = await AdoptAsync(documentId, file.Content);
        try
        {
            var document = new NewDocument(documentId, jobId, correlationId, userId, file.FileName, PdfInspector.MimeType,
                file.Content.Length, sha256, path, file.PageCount);
            // Logged before the commit wakes a worker: a document's story (its lines across services, in time order)
            // then begins with its upload, however fast a worker logs its pickup.
            logger.LogInformation("Upload received: {SizeBytes} bytes, {PageCount} pages, queueing its job", file.Content.Length, file.PageCount);
            if (await store.TryCreateAsync(document, CancellationToken.None))
            {
                logger.LogInformation("Upload accepted: {SizeBytes} bytes, {PageCount} pages", file.Content.Length, file.PageCount);
                return new UploadResult(documentId, jobId, correlationId, Deduplicated: false,
                    Pipeline.Contract.Stages.JobValidated, Pipeline.Contract.JobStates.Queued);
            }
        }
        catch
        {
            DeleteQuietly(documentId);
            throw;
        }

        // A concurrent identical upload committed first: ours is a duplicate of it.
        DeleteQuietly(documentId);
        return await store.FindByContentAsync(userId, sha256, ct)
               ?? throw new InvalidOperationException("The concurrent upload that won the unique key is not visible.");
    }

    /// <summary>Renames the staged file into place; a failure here is the storage's, never the client's.</summary>
    private async Task<string> AdoptAsync(Guid documentId, StagedUpload content)
    {
        try
        {
            return await content.AdoptAsync(storage, documentId, ".pdf");
        }
        catch (StorageUnavailableException)
        {
            DeleteQuietly(documentId);
            throw;
        }
    }

    private UploadResult Deduplicated(UploadResult existing)
    {
        logger.LogInformation("Upload deduplicated to document {ExistingDocumentId}", existing.DocumentId);
        return existing;
    }

    /// <summary>
    /// The same bytes again for a document that was set aside: the user is asking for another try,
    /// so its job goes back to work with a fresh retry window (one document, one job, as deduplication wants).
    /// </summary>
    private async Task<UploadResult> RestartAsync(UploadResult existing, string userId, CancellationToken ct)
    {
        var (_, requeued) = await jobs.RequeueAsync(existing.JobId, userId, "the same bytes were uploaded again", userId, ct);
        if (requeued is null) return Deduplicated(existing); // Restarted by someone else a moment ago.
        using var _ = PipelineLogging.PushJobContext(requeued.CorrelationId, requeued.JobId, requeued.DocumentId);
        logger.LogInformation("Upload restarted document {ExistingDocumentId}, set aside for {ErrorCode}, at {Stage}",
            existing.DocumentId, requeued.PreviousErrorCode, requeued.Stage);
        return existing with { Stage = requeued.Stage, State = Pipeline.Contract.JobStates.Queued, Restarted = true };
    }

    private void DeleteQuietly(Guid documentId)
    {
        try
        {
            Directory.Delete(storage.DocumentFolder(documentId), recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove the stored file of an unrecorded upload: {Reason}", exception.Message);
        }
    }

    private sealed record AcceptedFile(string FileName, StagedUpload Content, int? PageCount);
}
