using System.Globalization;
using Acceptance.Gate.Criteria;
using Acceptance.Gate.Inventory;

namespace Acceptance.Gate.Linting;

/// <summary>
/// Checks every scenario's tags against the tag grammar (<see cref="GateTags"/>; docs/contract.md, "Criteria
/// and tags"). An expired quarantine is not a lint error: the tags are well formed, the gate fails it instead.
/// </summary>
public static class TagLinter
{
    public static IReadOnlyList<LintError> Lint(GherkinInventory inventory, DateOnly today)
    {
        _ = today; // expiry is judged by the gate, not the linter; kept so callers state their clock once
        var errors = inventory.Problems.Select(p => new LintError(p.File, p.Line, $"cannot parse: {p.Message}")).ToList();
        errors.AddRange(inventory.Scenarios.SelectMany(LintScenario));
        // Feature, rule and examples tags are inherited by many pickles; report each problem once.
        return errors.Distinct().OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList();
    }

    private static IEnumerable<LintError> LintScenario(InventoryScenario scenario)
    {
        foreach (var tag in scenario.Tags)
            if (DescribeUnknown(tag) is { } problem)
                yield return new LintError(scenario.File, tag.Line, problem);

        var at = (ScenarioTag? tag) => tag?.Line ?? scenario.SourceLine;
        var criteria = TagsWith(scenario, GateTags.CriterionPrefix);
        if (criteria.Count > 1)
            yield return new LintError(scenario.File, scenario.SourceLine,
                $"scenario \"{scenario.Name}\" has {criteria.Count} criterion tags ({string.Join(", ", criteria.Select(t => t.Name))}); a scenario proves exactly one criterion");
        if (scenario.IsGate && criteria.Count == 0)
            yield return new LintError(scenario.File, scenario.SourceLine,
                $"@gate scenario \"{scenario.Name}\" has no @criterion:<id> tag");

        var owners = TagsWith(scenario, GateTags.OwnerPrefix);
        var expiries = TagsWith(scenario, GateTags.ExpiresPrefix);
        if (scenario.IsQuarantined)
        {
            var quarantine = scenario.Tags.First(t => t.Name.Equals(GateTags.Quarantine, StringComparison.OrdinalIgnoreCase));
            if (owners.Count == 0 || owners.All(o => o.Name.Length == GateTags.OwnerPrefix.Length))
                yield return new LintError(scenario.File, at(quarantine), "@quarantine needs @owner:<name>");
            if (expiries.Count == 0)
                yield return new LintError(scenario.File, at(quarantine), "@quarantine needs @expires:YYYY-MM-DD");
        }
        else
        {
            foreach (var tag in owners.Concat(expiries))
                yield return new LintError(scenario.File, tag.Line, $"{tag.Name} is only meaningful with @quarantine");
        }
        foreach (var expiry in expiries)
            if (!TryParseExpiry(expiry.Name[GateTags.ExpiresPrefix.Length..], out _))
                yield return new LintError(scenario.File, expiry.Line, $"{expiry.Name} is not a date; write @expires:YYYY-MM-DD");
    }

    /// <summary>The quarantine expiry format, shared with the gate.</summary>
    public static bool TryParseExpiry(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string? DescribeUnknown(ScenarioTag tag)
    {
        if (GateTags.Plain.Contains(tag.Name))
            return null;
        if (tag.Name.StartsWith(GateTags.CriterionPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var id = tag.Name[GateTags.CriterionPrefix.Length..];
            return Phase4Criteria.IsKnown(id) ? null : $"unknown criterion id \"{id}\" in {tag.Name}";
        }
        if (tag.Name.StartsWith(GateTags.NeedsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var capability = tag.Name[GateTags.NeedsPrefix.Length..];
            return Pipeline.Contract.TargetCapabilities.All.Contains(capability)
                ? null
                : $"unknown capability \"{capability}\" in {tag.Name} (known: {string.Join(", ", Pipeline.Contract.TargetCapabilities.All.Order(StringComparer.Ordinal))})";
        }
        return GateTags.Prefixes.Any(p => tag.Name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"unknown tag {tag.Name}";
    }

    private static List<ScenarioTag> TagsWith(InventoryScenario scenario, string prefix) =>
        scenario.Tags.Where(t => t.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
