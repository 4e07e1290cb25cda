using Pipeline.Core.Errors;

namespace ApiServer.Data;

/// <summary>
/// Tells a database outage (answer 503, retry later) from data the database refuses (answer 422)
/// and from a defect (answer 500), by SQLSTATE class (<see cref="DatabaseFailure"/>), like the worker.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>Connection lost, server shutting down or out of resources, or a lost race: worth retrying.</summary>
    public static bool IsUnavailable(Exception exception) =>
        DatabaseFailure.Classify(exception) is DatabaseFailureKind.Unavailable or DatabaseFailureKind.Conflict;

    /// <summary>The server refused the request's values (class 22 or 23): the same request will never pass.</summary>
    public static bool IsRefusedData(Exception exception) =>
        DatabaseFailure.Classify(exception) is DatabaseFailureKind.InvalidData or DatabaseFailureKind.ConstraintViolation;
}
