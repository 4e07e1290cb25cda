using Acceptance.Support.Drivers;

namespace Acceptance.Support.Waiting;

/// <summary>Follows a document's job through the API until it finishes (embedded, or dead-lettered).</summary>
public sealed class JobProgress(PipelineApiDriver api, Waiter waiter)
{
    public const string FinalStage = "embedded";

    public async Task<JobView> UntilFinishedAsync(string userId, UploadOutcome upload, TimeSpan timeout)
    {
        if (!upload.Accepted)
            throw new InvalidOperationException($"The upload was refused ({upload.StatusCode} {upload.ErrorKey}: {upload.ErrorMessage}), so there is no document to follow.");
        var job = await waiter.UntilAsync(
            $"document {upload.DocumentId} (correlation {upload.CorrelationId}) reaching {FinalStage}",
            async () => (await api.GetJobAsync(userId, upload.JobId!)).Value,
            job => job is { State: "done" or "deadletter" },
            timeout,
            job => job?.ToString() ?? "no job visible");
        return job!;
    }
}
