using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Waiting;

namespace Acceptance.Support.Recovery;

/// <summary>
/// Documents the pipeline set aside (dead-lettered): how their jobs ended, as the API reports it to the
/// user and as the database records it.
/// </summary>
public sealed class DeadLetters(JobProgress progress, PipelineApiDriver api, PipelineDatabaseDriver database)
{
    /// <summary>How long a document may take to be set aside: its whole retry window and then some.</summary>
    private static readonly TimeSpan SetAsideWithin = TimeSpan.FromSeconds(90);

    /// <summary>Follows the document until its job finishes, whichever way, and returns both views of the end.</summary>
    public async Task<FinishedJob> FinishedAsync(Upload upload)
    {
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, SetAsideWithin);
        return new FinishedJob(job, await database.JobAsync(upload.Outcome.JobId!));
    }

    /// <summary>The error the user sees on the job (null when it has none).</summary>
    public async Task<JobError?> ErrorShownToAsync(Upload upload) =>
        (await api.GetJobAsync(upload.UserId, upload.Outcome.JobId!)).Value?.LastError;

    public Task<IReadOnlyList<RetryRecord>> RetriesOfAsync(Upload upload) => database.RetriesAsync(upload.Outcome.JobId!);
}

/// <summary>A finished job as the user sees it (<see cref="View"/>) and as the database holds it (<see cref="Row"/>).</summary>
public sealed record FinishedJob(JobView View, JobRow Row);
