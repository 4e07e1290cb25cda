namespace Acceptance.Support.Analysis;

/// <summary>
/// One document of a backlog: when it arrived and when a worker first took it up, as positions in the audit
/// trail's own sequence (its <c>upload_received</c> event, its first transition out of the stage it arrived
/// in), and the worker that took it up (null if none did).
/// </summary>
public sealed record TakeUp(string JobId, long ArrivedAt, long TakenUpAt, string? Worker);

/// <summary>
/// Whether a queue hands out documents in the order they arrived. A document is overtaken by each one that
/// arrived after it and was taken up before it by the same worker.
/// </summary>
/// <remarks>
/// Per worker, because the take-up is written after the claim, in the worker's next step: a worker process
/// slowed down as a whole (just restarted, or starved of CPU) writes all its take-ups late, so across workers
/// the trail's order says more about the workers' speed than about the queue's. Within one worker a queue that
/// serves the oldest first lets at most as many later arrivals pass as the worker has claim slots: its other
/// slots racing for the same rows (a slot that locked the oldest pushes its racers onto later ones), and one
/// upload committing before an earlier one. A queue that serves the newest first lets a worker's whole later
/// share of the backlog pass, however many slots it has.
/// </remarks>
public static class TakeUpOrder
{
    /// <summary>Each document with how many later arrivals its own worker took up before it, most overtaken first.</summary>
    public static IReadOnlyList<(TakeUp Document, int Overtakers)> Overtaken(IReadOnlyList<TakeUp> documents) =>
        documents
            .Select(d => (Document: d, Overtakers: documents.Count(other =>
                other.Worker == d.Worker && other.ArrivedAt > d.ArrivedAt && other.TakenUpAt < d.TakenUpAt)))
            .OrderByDescending(d => d.Overtakers)
            .ToList();
}
