using Acceptance.Support.Drivers;

namespace Acceptance.Support.Waiting;

/// <summary>Follows a document's job through the API until it finishes (embedded, or dead-lettered).</summary>
public sealed class JobProgress(PipelineApiDriver api, Waiter waiter)
{
    public const string FinalStage = Stages.Embedded;

    public async Task<JobView> UntilFinishedAsync(string userId, UploadOutcome upload, TimeSpan timeout)
    {
        if (!upload.Accepted)
            throw new InvalidOperationException($"The upload was refused ({upload.Answer}), so there is no document to follow.");
        var job = await waiter.UntilAsync(
            $"document {upload.DocumentId} (correlation {upload.CorrelationId}) reaching {FinalStage}",
            async () => (await api.GetJobAsync(userId, upload.JobId!)).Value,
            job => job is { State: JobStates.Done or JobStates.Deadletter },
            timeout,
            job => job?.ToString() ?? "no job visible");
        return job!;
    }

    /// <summary>
    /// Waits until the document is embedded, looking past a set-aside (dead-lettered) state: for
    /// documents expected to come back to work by themselves.
    /// </summary>
    public async Task<JobView> UntilEmbeddedAsync(string userId, UploadOutcome upload, TimeSpan timeout)
    {
        var job = await waiter.UntilAsync(
            $"document {upload.DocumentId} (correlation {upload.CorrelationId}) coming back and reaching {FinalStage}",
            async () => (await api.GetJobAsync(userId, upload.JobId!)).Value,
            job => job is { Embedded: true },
            timeout,
            job => job?.ToString() ?? "no job visible");
        return job!;
    }
}
