namespace ApiServer.Uploads;

/// <summary>Receives an upload's body: the staged <c>file</c> part, or why the request carries none the pipeline can take.</summary>
public interface IUploadReader
{
    Task<(ReceivedFile? File, UploadRejection? Rejection)> ReadAsync(
        HttpRequest request, long maxBytes, Func<StagedUpload> stage, CancellationToken cancellationToken);
}

/// <summary>The production reader: <see cref="MultipartUploadReader"/>.</summary>
public sealed class MultipartUploads : IUploadReader
{
    public Task<(ReceivedFile? File, UploadRejection? Rejection)> ReadAsync(
        HttpRequest request, long maxBytes, Func<StagedUpload> stage, CancellationToken cancellationToken) =>
        MultipartUploadReader.ReadAsync(request, maxBytes, stage, cancellationToken);
}
