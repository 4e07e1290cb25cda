using System.Collections.Concurrent;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The catalogue's mutation score: which defects the suite caught and which escaped, kept across the
/// theory's cases so the last one to finish can state the score (caught / total, and what escaped).
/// </summary>
public static class MutationScore
{
    private static readonly ConcurrentDictionary<string, bool> Outcomes = new();

    /// <summary>Records one defect's outcome; returns the score line once every defect the gate catches has one, else null.</summary>
    public static string? Record(string defect, bool caught)
    {
        Outcomes[defect] = caught;
        return Outcomes.Count < DefectCatalogue.CaughtByTheGate.Count ? null : Line(Outcomes);
    }

    public static string Line(IReadOnlyDictionary<string, bool> outcomes)
    {
        var escaped = outcomes.Where(o => !o.Value).Select(o => o.Key).Order().ToList();
        var caught = outcomes.Count - escaped.Count;
        return $"Mutation score: {caught}/{outcomes.Count} defects caught ({100.0 * caught / Math.Max(1, outcomes.Count):0}%); " +
               (escaped.Count == 0 ? "none escaped" : $"escaped: {string.Join(", ", escaped)}");
    }
}
