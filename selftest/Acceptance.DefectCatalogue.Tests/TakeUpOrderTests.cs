using Acceptance.Support.Analysis;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// How many later arrivals passed each document on its way to a worker (Support/Analysis/TakeUpOrder): a few
/// for a queue that serves the oldest first while one worker's claims race, the worker's whole later share of the backlog for
/// one that serves the newest first.
/// </summary>
public sealed class TakeUpOrderTests
{
    /// <summary>Documents arrived at events 1, 2, 3 … and taken up by one worker at the given events, in arrival order.</summary>
    private static IReadOnlyList<TakeUp> TakenUpAt(params long[] takenUp) =>
        takenUp.Select((at, i) => new TakeUp($"job-{i + 1}", i + 1, at, "worker-1")).ToList();

    [Fact]
    public void A_claim_race_lets_one_later_arrival_pass()
    {
        var overtaken = TakeUpOrder.Overtaken(TakenUpAt(10, 12, 11, 13, 14, 15));

        overtaken[0].Should().Be((new TakeUp("job-2", 2, 12, "worker-1"), 1));
        overtaken.Skip(1).Should().OnlyContain(d => d.Overtakers == 0);
    }

    [Fact]
    public void Serving_the_newest_first_lets_every_later_arrival_pass_the_oldest_waiting_document()
    {
        // Two slots take the first two at once; the rest are served newest first.
        var overtaken = TakeUpOrder.Overtaken(TakenUpAt(10, 11, 15, 14, 13, 12));

        overtaken[0].Should().Be((new TakeUp("job-3", 3, 15, "worker-1"), 3));
    }

    [Fact]
    public void A_worker_slow_to_write_its_take_ups_is_not_taken_for_a_queue_out_of_order()
    {
        // worker-2 claimed job-1 and job-3 first but wrote both take-ups after worker-1 had taken up the rest.
        TakeUp[] documents =
        [
            new("job-1", 1, 20, "worker-2"), new("job-2", 2, 10, "worker-1"), new("job-3", 3, 21, "worker-2"),
            new("job-4", 4, 11, "worker-1"), new("job-5", 5, 12, "worker-1"),
        ];

        TakeUpOrder.Overtaken(documents).Should().OnlyContain(d => d.Overtakers == 0);
    }
}
