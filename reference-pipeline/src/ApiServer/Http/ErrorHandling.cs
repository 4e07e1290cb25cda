using ApiServer.Data;
using Npgsql;
using ApiServer.Uploads;
using Pipeline.Core.Errors;

namespace ApiServer.Http;

/// <summary>
/// The last line of defence: bad input never becomes a 500, and a database outage becomes a
/// 503 with Retry-After instead of a crash.
/// </summary>
public static class ErrorHandling
{
    public static IApplicationBuilder UseApiErrorHandling(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; there is nobody to answer.
            }
            catch (Exception exception) when (!context.Response.HasStarted)
            {
                await AnswerAsync(context, exception);
            }
        });

    private static async Task AnswerAsync(HttpContext context, Exception exception)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ApiServer.Errors");
        context.Response.Clear();
        Correlation.Echo(context);
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                logger.LogInformation("Request body exceeded the size limit");
                await ApiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorKeys.FileTooLarge,
                    "The request is larger than the upload limit.");
                break;
            case BadHttpRequestException bad:
                logger.LogInformation("Malformed request: {Reason}", bad.Message);
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorKeys.MalformedRequest,
                    "The request could not be read.");
                break;
            case StorageUnavailableException storage:
                // Classified where the file is written (UploadService); other IOExceptions are not assumed to be the client's.
                logger.LogError("Document storage unavailable ({ErrorCode}): {Reason}", ErrorKeys.StorageUnavailable, storage.Message);
                context.Response.Headers.RetryAfter = ApiErrors.StorageRetryAfterSeconds.ToString();
                await ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorKeys.StorageUnavailable,
                    "The document storage is unavailable; nothing was stored. Retry later.");
                break;
            case var _ when DatabaseFailures.IsUnavailable(exception):
                logger.LogWarning("Database unavailable ({ErrorCode}): {Reason}", ErrorKeys.DatabaseUnavailable, exception.Message);
                // Pooled connections to a server that went away are dead; drop them so the next
                // request after the database returns opens fresh ones.
                context.RequestServices.GetRequiredService<NpgsqlDataSource>().Clear();
                context.Response.Headers.RetryAfter = ApiErrors.DatabaseRetryAfterSeconds.ToString();
                await ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorKeys.DatabaseUnavailable,
                    "The database is unavailable; retry later.");
                break;
            case var _ when DatabaseFailures.IsRefusedData(exception):
                logger.LogWarning("Request data refused by the database ({ErrorCode}): {Reason}", ErrorKeys.InvalidData,
                    DatabaseFailure.Describe(exception));
                await ApiErrors.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorKeys.InvalidData,
                    "The request carries values that cannot be stored; correct them and send it again.");
                break;
            default:
                logger.LogError(exception, "Unhandled error ({ErrorCode})", ErrorKeys.InternalError);
                await ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, ErrorKeys.InternalError,
                    "The server failed to handle the request.");
                break;
        }
    }
}
