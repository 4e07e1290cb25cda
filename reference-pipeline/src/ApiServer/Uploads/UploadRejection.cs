using ApiServer.Http;

namespace ApiServer.Uploads;

/// <summary>Why an upload was refused: the HTTP status, the stable key and a message for people.</summary>
public sealed record UploadRejection(int Status, string Key, string Message)
{
    public static UploadRejection BadRequest(string key, string message) => new(StatusCodes.Status400BadRequest, key, message);

    public static UploadRejection Unprocessable(string key, string message) => new(StatusCodes.Status422UnprocessableEntity, key, message);

    public static UploadRejection TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorKeys.FileTooLarge, $"The file is larger than the limit of {maxBytes} bytes.");
}
