using Acceptance.Support.Drivers;

namespace Acceptance.Support.Analysis;

/// <summary>
/// How long a document waited, while a worker was free, for one to take it up: from its arrival
/// (the upload's audit event) to the first transition out of the stage it arrived in (the intake's
/// own transition into that stage, written with the arrival, is not a worker's), and from the
/// parser's completion notice to the first transition after that. Workers woken by the database show a few
/// milliseconds here; workers that only poll show up to their polling interval. A parse finished
/// while no worker listens is the telling case: the job is due at once, but only the next poll finds it.
/// </summary>
public sealed record WorkerPickup(TimeSpan AfterArrival, TimeSpan? AfterParse)
{
    public const string Arrival = "upload_received";
    public const string ParseCompletion = "webhook_received";
    public const string Transition = "stage_transition";

    /// <summary>The <see cref="WorkerPickup"/> of a job's audit trail; null when it never arrived or was never taken up.</summary>
    public static WorkerPickup? From(IReadOnlyList<AuditEvent> events)
    {
        var arrival = events.FirstOrDefault(e => e.EventType == Arrival);
        if (arrival is null || NextTransitionAfter(events, arrival, leaving: arrival.Stage) is not { } firstClaim) return null;
        var completion = events.FirstOrDefault(e => e.EventType == ParseCompletion);
        var resumed = completion is null ? null : NextTransitionAfter(events, completion);
        return new WorkerPickup(firstClaim.At - arrival.At, resumed is null ? null : resumed.At - completion!.At);
    }

    private static AuditEvent? NextTransitionAfter(IReadOnlyList<AuditEvent> events, AuditEvent mark, string? leaving = null) =>
        events.SkipWhile(e => !ReferenceEquals(e, mark)).Skip(1)
            .FirstOrDefault(e => e.EventType == Transition && (leaving is null || e.Stage != leaving));
}
