using Acceptance.Support.Analysis;
using Acceptance.Support.Drivers;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// How long a document waited for a worker, read from its audit trail (Support/Analysis/WorkerPickup):
/// the intake's own transition, written with the arrival, is not a worker taking the document up.
/// </summary>
public sealed class WorkerPickupTests
{
    private static readonly DateTimeOffset Arrived = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static AuditEvent At(double ms, string type, string stage) =>
        new(type, stage, "queued", "corr-1", Arrived.AddMilliseconds(ms));

    [Fact]
    public void The_wait_after_arrival_ends_when_a_worker_moves_the_document_out_of_its_first_stage()
    {
        var pickup = WorkerPickup.From(
        [
            At(0, WorkerPickup.Arrival, "job_validated"),
            At(0, WorkerPickup.Transition, "job_validated"),
            At(150, WorkerPickup.Transition, "parsing"),
            At(900, WorkerPickup.ParseCompletion, "parsing"),
            At(930, WorkerPickup.Transition, "parsed"),
        ]);

        pickup.Should().NotBeNull();
        pickup!.AfterArrival.Should().Be(TimeSpan.FromMilliseconds(150));
        pickup.AfterParse.Should().Be(TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public void A_document_no_worker_took_up_has_no_pickup() =>
        WorkerPickup.From(
        [
            At(0, WorkerPickup.Arrival, "job_validated"),
            At(0, WorkerPickup.Transition, "job_validated"),
        ]).Should().BeNull();

    [Fact]
    public void A_parse_found_by_the_workers_own_status_check_has_no_wait_after_a_notice() =>
        WorkerPickup.From(
        [
            At(0, WorkerPickup.Arrival, "job_validated"),
            At(40, WorkerPickup.Transition, "parsing"),
            At(800, WorkerPickup.Transition, "parsed"),
        ])!.AfterParse.Should().BeNull();
}
