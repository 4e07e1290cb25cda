using Pipeline.Core.Errors;
using Pipeline.Contract;

namespace ApiServer.Http;

/// <summary>
/// The error body every 4xx/5xx carries: a stable key for machines, a message for people, and whether
/// sending the same request again can succeed (from the error catalogue; 503s add Retry-After).
/// </summary>
public sealed record ErrorBody(string Error, string Message, Guid CorrelationId, bool Retryable)
{
    public static ErrorBody For(HttpContext context, string key, string message) =>
        new(key, message, Correlation.Get(context), ErrorCatalogue.Find(key)?.Retryable ?? false);
}

/// <summary>Stable error keys (README: API). Scenarios and clients match on these, never on messages.</summary>
public static class ErrorKeys
{
    public const string MissingFile = "missing-file";
    public const string EmptyFile = "empty-file";
    public const string UnsupportedType = "unsupported-type";
    public const string EncryptedDocument = "encrypted-document";
    public const string CorruptDocument = "corrupt-document";
    public const string FileTooLarge = "file-too-large";
    public const string InvalidFilename = "invalid-filename";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not-found";
    public const string InvalidWebhookToken = "invalid-webhook-token";
    public const string BodyTooLarge = "body-too-large";
    public const string MalformedRequest = "malformed-request";
    public const string DatabaseUnavailable = "database-unavailable";
    public const string InternalError = "internal-error";
    public const string InvalidData = "invalid-data";
    public const string Forbidden = "forbidden";
    public const string NotSetAside = "not-set-aside";
    public const string StorageUnavailable = "storage-unavailable";
}

public static class ApiErrors
{
    /// <summary>Seconds a client should wait before retrying while the database is away.</summary>
    public const int DatabaseRetryAfterSeconds = 5;

    /// <summary>Seconds a client should wait before retrying while the document storage cannot be written.</summary>
    public const int StorageRetryAfterSeconds = 30;

    public static IResult Result(HttpContext context, int status, string key, string message) =>
        Results.Json(ErrorBody.For(context, key, message), statusCode: status);

    public static IResult NotFound(HttpContext context, string what) =>
        Result(context, StatusCodes.Status404NotFound, ErrorKeys.NotFound, $"No {what} with that id exists for this user.");

    /// <summary>For middleware and handlers that run outside an endpoint's result pipeline.</summary>
    public static Task WriteAsync(HttpContext context, int status, string key, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorBody.For(context, key, message));
    }
}
