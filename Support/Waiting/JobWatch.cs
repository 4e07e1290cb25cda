using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.TestData;

namespace Acceptance.Support.Waiting;

/// <summary>
/// Named waits on jobs as the database sees them (claims, retries, set-asides), each through the one
/// <see cref="Waiter"/>, so a timeout says what was awaited and what was last seen.
/// </summary>
public sealed class JobWatch(PipelineDatabaseDriver database, ServiceLogReader logs, Waiter waiter)
{
    public Task<JobRow[]> UntilSetAsideAsync(IReadOnlyList<Upload> set, string reason, TimeSpan timeout) =>
        waiter.UntilAsync($"every document being set aside with reason {reason}",
            () => JobsOf(set),
            jobs => jobs.All(j => j.State == JobStates.Deadletter && j.LastErrorCode == reason),
            timeout,
            jobs => string.Join(", ", jobs.Select(j => $"{j.Stage}/{j.State} ({j.LastErrorCode})")));

    public Task<JobRow[]> UntilPickedUpAsync(IReadOnlyList<Upload> set, TimeSpan timeout) =>
        waiter.UntilAsync("every document of the batch being picked up by a worker",
            () => JobsOf(set),
            jobs => jobs.All(j => j.Stage != Stages.JobValidated),
            timeout,
            jobs => string.Join(", ", jobs.Select(j => $"{j.Stage}/{j.State}")));

    /// <summary>Waits until each document has been retried <paramref name="times"/> times; <paramref name="meanwhile"/> runs on each look.</summary>
    public Task<IReadOnlyList<RetryRecord>[]> UntilRetriedAsync(IReadOnlyList<Upload> set, int times, TimeSpan timeout, Func<Task> meanwhile) =>
        waiter.UntilAsync($"every document of the batch being retried at least {times} times",
            async () =>
            {
                await meanwhile();
                return await Task.WhenAll(set.Select(u => database.RetriesAsync(u.Outcome.JobId!)));
            },
            retries => retries.All(r => r.Count >= times),
            timeout,
            retries => $"retries per document: {string.Join(", ", retries.Select(r => r.Count))}");

    /// <summary>Held mid-stage: the row says a worker holds it there, and that worker has announced its pause inside the stage.</summary>
    public async Task<string> UntilHeldMidStageAsync(Upload upload, StageName stage, TimeSpan timeout)
    {
        var jobId = upload.Outcome.JobId!;
        var seen = await waiter.UntilAsync($"a worker holding the document mid-way through {stage.Value}",
            async () => (Row: await database.JobAsync(jobId), Paused: logs.WorkerPausedInStage(jobId, stage.Value)),
            seen => seen.Row.Stage == stage.Value && seen.Row.State == JobStates.Working && seen.Row.ClaimedBy is not null && seen.Paused,
            timeout,
            seen => $"{seen.Row.Stage}/{seen.Row.State} held by {seen.Row.ClaimedBy ?? "nobody"}, paused in stage: {seen.Paused}");
        return seen.Row.ClaimedBy!;
    }

    public Task<JobRow> UntilTakenOverAsync(Upload upload, string formerHolder, TimeSpan timeout) =>
        waiter.UntilAsync("another worker taking over the frozen worker's document",
            () => database.JobAsync(upload.Outcome.JobId!),
            row => row.State == JobStates.Working && row.ClaimedBy is not null && row.ClaimedBy != formerHolder,
            timeout,
            row => $"{row.Stage}/{row.State} held by {row.ClaimedBy ?? "nobody"}");

    private Task<JobRow[]> JobsOf(IReadOnlyList<Upload> set) => Task.WhenAll(set.Select(u => database.JobAsync(u.Outcome.JobId!)));
}
