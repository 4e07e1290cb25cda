using Acceptance.Support.Analysis;
using Acceptance.Support.Configuration;
using Acceptance.Support.Drivers;
using Acceptance.Support.Resources;
using Acceptance.Support.Waiting;
using Pipeline.TestKit;

namespace Acceptance.Support.Load;

/// <summary>
/// Runs one load from start to drain while the monitor watches: documents arrive for the load
/// period, then the runner waits (up to the drain limit) until every accepted document is finished,
/// and collects what the audit trail says about each one.
/// </summary>
public sealed class LoadRunner(LoadArrivals arrivals, LoadDatabaseDriver database, ServiceProcessTable processes, Waiter waiter,
    SuiteOptions options)
{
    public LoadOptions Settings => options.Load;

    /// <summary>Documents from <paramref name="mix"/> arrive as the load profile says (rate or concurrent uploads, for its period).</summary>
    public Task<LoadResult> RunAsync(string userPrefix, IReadOnlyList<TestDocument> mix, LoadOptions? load = null)
    {
        load ??= options.Load;
        return WatchAsync(userPrefix, load, () => arrivals.RunAsync(userPrefix, load, mix));
    }

    /// <summary>All <paramref name="documents"/> arrive at once: a backlog for the workers to race on.</summary>
    public Task<LoadResult> BurstAsync(string userPrefix, IReadOnlyList<TestDocument> documents) =>
        WatchAsync(userPrefix, options.Load, () => arrivals.BurstAsync(userPrefix, documents));

    private async Task<LoadResult> WatchAsync(string userPrefix, LoadOptions load, Func<Task<IReadOnlyList<Arrival>>> arrive)
    {
        var before = await database.SampleAsync();
        await using var monitor = LoadMonitor.Start(database, processes, userPrefix, TimeSpan.FromMilliseconds(load.SampleMilliseconds));
        var sent = await arrive();
        var arrivalsEnded = monitor.Samples.LastOrDefault()?.At ?? TimeSpan.Zero;
        var drained = await DrainAsync(userPrefix, sent.Count(a => a.Outcome.Accepted), TimeSpan.FromSeconds(load.DrainSeconds));
        var samples = await monitor.StopAsync();
        var transitions = await database.TransitionsAsync(userPrefix);
        var jobs = await database.JobsAsync(userPrefix);
        return new LoadResult(sent, jobs, transitions.ToDictionary(t => t.Key, t => new StageTimeline(t.Value)), samples, before,
            arrivalsEnded, drained, load.Warmup);
    }

    /// <summary>Waits until every accepted document is finished; returns the unfinished ones' description when the limit passes.</summary>
    private async Task<string?> DrainAsync(string userPrefix, int accepted, TimeSpan limit)
    {
        try
        {
            await waiter.UntilAsync($"the backlog of load {userPrefix} draining",
                () => database.JobsAsync(userPrefix),
                jobs => jobs.Count >= accepted && jobs.All(j => j.State is "done" or "deadletter"),
                limit,
                jobs => $"{jobs.Count(j => j.State is not ("done" or "deadletter"))} of {jobs.Count} unfinished: " +
                        string.Join("; ", jobs.Where(j => j.State is not ("done" or "deadletter")).Take(5)));
            return null;
        }
        catch (WaitTimedOutException e)
        {
            // The verdict belongs to the Then steps; the load keeps what it saw.
            return e.Message;
        }
    }
}

/// <summary>Everything one load produced: arrivals, final jobs, timelines, samples, and whether it drained.</summary>
public sealed record LoadResult(
    IReadOnlyList<Arrival> Arrivals,
    IReadOnlyList<LoadJob> Jobs,
    IReadOnlyDictionary<string, StageTimeline> Timelines,
    IReadOnlyList<LoadSample> Samples,
    DatabaseSample DatabaseBefore,
    TimeSpan ArrivalsEnded,
    string? NotDrainedBecause,
    TimeSpan Warmup)
{
    public IReadOnlyList<(Arrival Arrival, StageTimeline Timeline)> Documents =>
        Arrivals.Where(a => a.Outcome.Accepted && Timelines.ContainsKey(a.Outcome.JobId!))
            .Select(a => (a, Timelines[a.Outcome.JobId!])).ToList();

    /// <summary>The documents that arrived after the warm-up: the ones latency verdicts judge.</summary>
    public IReadOnlyList<(Arrival Arrival, StageTimeline Timeline)> Measured =>
        Documents.Where(d => d.Arrival.Offset >= Warmup).ToList() is { Count: > 0 } measured ? measured : Documents;

    public TimeSpan? DrainedAfterArrivals =>
        NotDrainedBecause is not null || Documents.Count == 0
            ? null
            : Documents.Max(d => d.Timeline.Ended ?? d.Arrival.At) - Arrivals.Max(a => a.At);
}
