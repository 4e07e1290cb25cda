using System.Diagnostics;
using Acceptance.Support.Configuration;
using Acceptance.Support.Drivers;
using Acceptance.Support.Waiting;
using Pipeline.TestKit;

namespace Acceptance.Support.Load;

/// <summary>
/// Sends documents the way offices do under load. Open loop (default): a document arrives every
/// 1/rate seconds whether or not earlier ones are done, so a slow pipeline builds a backlog instead
/// of slowing the arrivals. Phase 4 profile (closed loop, <see cref="ClosedLoop"/>): a fixed number of
/// documents in the pipeline at a time, the next uploaded when one is finished. Each arrival is its own uploader (user), so the same test document arriving twice is two
/// documents, not a deduplicated one.
/// </summary>
public sealed class LoadArrivals(PipelineApiDriver api, JobProgress progress)
{
    /// <summary>
    /// The realistic office documents of one to eight pages, the one-page policy most often. The
    /// 120-page scan has its own scenario: here every arrival of it would be a step in memory, not a trend.
    /// </summary>
    public static IReadOnlyList<TestDocument> Mix { get; } =
    [
        TestDocuments.Get(TestDocuments.InsurancePolicy), TestDocuments.Get(TestDocuments.PolicySchedule),
        TestDocuments.Get(TestDocuments.ClaimsHandbook), TestDocuments.Get(TestDocuments.UnicodeName),
        TestDocuments.Get(TestDocuments.BenefitsSummary), TestDocuments.Get(TestDocuments.InsurancePolicy),
        TestDocuments.Get(TestDocuments.PolicySchedule), TestDocuments.Get(TestDocuments.InsurancePolicy),
    ];

    /// <summary>The documents named in the load settings, or the office mix when none are named.</summary>
    public static IReadOnlyList<TestDocument> MixOf(LoadOptions load) =>
        string.IsNullOrWhiteSpace(load.Documents)
            ? Mix
            : load.Documents.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TestDocuments.Get).ToList();

    public async Task<IReadOnlyList<Arrival>> RunAsync(string userPrefix, LoadOptions load, IReadOnlyList<TestDocument> mix)
    {
        var random = new Random(load.Seed);
        var clock = Stopwatch.StartNew();
        var uploads = new List<Task<Arrival>>();
        var number = 0;
        if (load.IsPhase4)
        {
            var sent = await ClosedLoop.RunAsync(load.ConcurrentUploads, load.Warmup + load.Duration,
                n => UploadAsync($"{userPrefix}-{n}", Pick(random, mix), clock),
                arrival => FinishedAsync(arrival, TimeSpan.FromSeconds(load.DrainSeconds)));
            return sent.OrderBy(a => a.At).ToList();
        }

        var interval = TimeSpan.FromSeconds(1 / load.ArrivalsPerSecond);
        for (var due = TimeSpan.Zero; due < load.Warmup + load.Duration; due += interval)
        {
            var wait = due - clock.Elapsed;
            // Pacing the arrivals is the load's input, not synchronisation with the system under test.
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            // The first arrivals go through the mix in order, so the warm-up has seen every kind of document.
            var document = number < mix.Count ? mix[number] : Pick(random, mix);
            uploads.Add(UploadAsync($"{userPrefix}-{++number}", document, clock));
        }
        return await Task.WhenAll(uploads);
    }

    /// <summary>Every document at the same moment, each from its own uploader.</summary>
    public async Task<IReadOnlyList<Arrival>> BurstAsync(string userPrefix, IReadOnlyList<TestDocument> documents)
    {
        var clock = Stopwatch.StartNew();
        return await Task.WhenAll(documents.Select((document, i) => UploadAsync($"{userPrefix}-{i + 1}", document, clock)));
    }

    private async Task<Arrival> UploadAsync(string userId, TestDocument document, Stopwatch clock)
    {
        var at = DateTimeOffset.UtcNow;
        var outcome = await api.UploadAsync(userId, document.FileName, document.Bytes);
        return new Arrival(userId, document, at, clock.Elapsed, outcome);
    }

    /// <summary>Whether the pipeline finished the arrival's document (embedded or set aside) within <paramref name="limit"/>; a refused upload never entered it.</summary>
    private async Task<bool> FinishedAsync(Arrival arrival, TimeSpan limit)
    {
        if (!arrival.Outcome.Accepted) return true;
        try
        {
            await progress.UntilFinishedAsync(arrival.UserId, arrival.Outcome, limit);
            return true;
        }
        catch (WaitTimedOutException)
        {
            return false; // Left unfinished: the drain that follows reports it.
        }
    }

    private static TestDocument Pick(Random random, IReadOnlyList<TestDocument> mix)
    {
        lock (random) return mix[random.Next(mix.Count)];
    }
}

/// <summary>One document of the load: who sent it, when, and what the upload answered.</summary>
public sealed record Arrival(string UserId, TestDocument Document, DateTimeOffset At, TimeSpan Offset, UploadOutcome Outcome);
