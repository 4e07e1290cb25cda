using Pipeline.Core.Queue;

namespace Pipeline.Core.Errors;

/// <summary>
/// Turns an unexpected exception in a stage into a classified <see cref="PipelineError"/>, by cause:
/// data the database refuses is permanent and names the document; a lost connection or a lost race
/// is transient; anything else is an internal error, retried (a deployment may fix it) and logged.
/// Stage code that knows better throws <see cref="PipelineErrorException"/> itself.
/// </summary>
public static class FailureClassifier
{
    public static PipelineError Classify(Exception exception, string stage, Guid documentId)
    {
        if (exception is PipelineErrorException classified) return classified.Error;
        var why = StoredText.Clean(DatabaseFailure.Describe(exception));
        return DatabaseFailure.Classify(exception) switch
        {
            DatabaseFailureKind.Unavailable => PipelineError.Transient("database-unavailable",
                $"The database failed during {stage}: {why}"),
            DatabaseFailureKind.Conflict => PipelineError.Transient("database-conflict",
                $"The database aborted a transaction of document {documentId} during {stage} to resolve a conflict: {why}"),
            DatabaseFailureKind.InvalidData => PipelineError.Permanent("document-data-invalid",
                $"The database refused the data of document {documentId} during {stage}: {why}"),
            DatabaseFailureKind.ConstraintViolation => PipelineError.Permanent("document-data-conflict",
                $"The data of document {documentId} breaks a database constraint during {stage}: {why}"),
            // Words for people: what happened and where to look. The exception itself, type and stack,
            // goes to the worker's error log line, found by the job's correlation id.
            _ => PipelineError.Transient("internal-error",
                $"The pipeline's own code failed unexpectedly during {stage} of document {documentId}; " +
                "the worker's log has the details under this job's correlation id."),
        };
    }
}
