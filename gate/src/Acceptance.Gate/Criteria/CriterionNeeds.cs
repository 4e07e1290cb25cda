using System.Text;
using Acceptance.Gate.Inventory;

namespace Acceptance.Gate.Criteria;

/// <summary>
/// What each Phase 4 criterion needs from a target beyond its API, database and token key, read from the @gate scenarios'
/// <c>@needs:&lt;capability&gt;</c> (and @real-api) tags, and what a run on a target that gives nothing more verifies.
/// docs/targets.md renders it with <see cref="ToMarkdown"/>; a test keeps the two equal.
/// </summary>
public static class CriterionNeeds
{
    public const string Source = "the features' @needs tags (gate/src/Acceptance.Gate/Criteria/CriterionNeeds.cs)";

    /// <summary>One criterion: its @gate scenarios, how many need each capability, and how many need nothing.</summary>
    public sealed record Row(Criterion Criterion, int Scenarios, IReadOnlyList<(string Need, int Scenarios)> Needs, int RunWithoutControl);

    public static IReadOnlyList<Row> From(GherkinInventory inventory)
    {
        var gate = inventory.Scenarios.Where(s => s.IsGate && !s.IsWorkInProgress && !s.IsIgnored).ToList();
        return Phase4Criteria.All.Select(criterion =>
        {
            var scenarios = gate.Where(s => s.CriterionId == criterion.Id).ToList();
            var needs = scenarios.SelectMany(NeedsOf).GroupBy(need => need)
                .Select(group => (group.Key, group.Count())).OrderByDescending(n => n.Item2).ThenBy(n => n.Key, StringComparer.Ordinal).ToList();
            return new Row(criterion, scenarios.Count, needs, scenarios.Count(s => !NeedsOf(s).Any()));
        }).ToList();
    }

    /// <summary>The capabilities a scenario needs; the real providers' keys count as one, since a run without them skips it too.</summary>
    public static IEnumerable<string> NeedsOf(InventoryScenario scenario) =>
        scenario.TagValues(GateTags.NeedsPrefix)
            .Concat(scenario.HasTag(GateTags.RealApi) ? [ProviderKeys] : []);

    /// <summary>How the table names what @real-api scenarios need.</summary>
    public const string ProviderKeys = "provider keys (@real-api)";

    public static string ToMarkdown(IReadOnlyList<Row> rows)
    {
        var md = new StringBuilder();
        md.Append("| criterion | @gate scenarios | needs (scenarios that need it) | with only URL, database and token key |\n");
        md.Append("|---|---|---|---|\n");
        foreach (var row in rows)
        {
            var needs = row.Needs.Count == 0 ? "nothing more" : string.Join(", ", row.Needs.Select(n => $"`{n.Need}` ({n.Scenarios})"));
            md.Append($"| `{row.Criterion.Id}` {row.Criterion.Statement} | {row.Scenarios} | {needs} | {WithoutControl(row)} |\n");
        }
        return md.ToString();
    }

    /// <summary>A criterion is verified only when all its scenarios ran; a skipped one leaves it "not verified".</summary>
    public static string WithoutControl(Row row) =>
        row.RunWithoutControl == row.Scenarios ? "verified"
        : row.RunWithoutControl == 0 ? "not verified: none of its scenarios run"
        : $"not verified: {row.RunWithoutControl} of {row.Scenarios} scenarios run";
}
