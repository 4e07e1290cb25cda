namespace Acceptance.Support.Analysis;

/// <summary>
/// Whether a queue takes documents up in the order they arrived, read from the audit trail's own sequence:
/// each document's arrival (its <c>upload_received</c> event) and its take-up (the first transition out of
/// the stage it arrived in). A document is overtaken by each one that arrived after it and was taken up before it.
/// </summary>
/// <remarks>
/// A queue that serves the oldest first still lets a few overtake: every claim slot may be in the middle of a
/// claim when a document becomes claimable (a claim that locked it forces its racers onto later ones), so
/// up to <c>slots - 1</c> racers; and one upload may commit before an earlier one's event is visible. That is
/// at most as many overtakers as there are claim slots. A queue that serves the newest first lets the whole
/// backlog that arrived later pass, however many slots there are.
/// </remarks>
public sealed record TakeUp(string JobId, long ArrivedAt, long TakenUpAt);

public static class TakeUpOrder
{
    /// <summary>Each document with how many documents that arrived after it were taken up before it, most overtaken first.</summary>
    public static IReadOnlyList<(TakeUp Document, int Overtakers)> Overtaken(IReadOnlyList<TakeUp> documents) =>
        documents
            .Select(d => (Document: d, Overtakers: documents.Count(other => other.ArrivedAt > d.ArrivedAt && other.TakenUpAt < d.TakenUpAt)))
            .OrderByDescending(d => d.Overtakers)
            .ToList();
}
