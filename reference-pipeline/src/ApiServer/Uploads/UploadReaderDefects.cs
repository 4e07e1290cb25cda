using ApiServer.Http;
using Pipeline.Core.Defects;

namespace ApiServer.Uploads;

/// <summary>
/// Test-only defects in how an upload's body is read, chosen at registration so the upload path never checks for them.
/// <list type="bullet">
/// <item>malformed-multipart-500: a body the multipart reader cannot parse (a broken boundary, a truncated body)
/// fails like a server fault, as a reader that lets the parser's exception escape would, instead of being
/// refused with malformed-request.</item>
/// </list>
/// </summary>
public static class UploadReaderDefects
{
    public static IUploadReader Reader(IServiceProvider services) =>
        services.GetRequiredService<PipelineDefects>().IsOn(PipelineDefects.MalformedMultipart500)
            ? new UnreadableBodyFails(new MultipartUploads())
            : new MultipartUploads();

    private sealed class UnreadableBodyFails(IUploadReader inner) : IUploadReader
    {
        public async Task<(ReceivedFile? File, UploadRejection? Rejection)> ReadAsync(
            HttpRequest request, long maxBytes, Func<StagedUpload> stage, CancellationToken cancellationToken)
        {
            var read = await inner.ReadAsync(request, maxBytes, stage, cancellationToken);
            return read.Rejection?.Key == ErrorKeys.MalformedRequest
                ? throw new InvalidOperationException("The multipart body could not be read.")
                : read;
        }
    }
}
