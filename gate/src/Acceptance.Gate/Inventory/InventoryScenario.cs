namespace Acceptance.Gate.Inventory;

/// <summary>
/// One scenario the suite defines: a Gherkin pickle, so an outline contributes one entry per
/// example row. Tags include those inherited from the feature, the rule and the examples block.
/// </summary>
public sealed record InventoryScenario(
    string File,
    string Feature,
    string? Rule,
    string Name,
    IReadOnlyList<KeyValuePair<string, string>> ExampleValues,
    int Line,
    int? ExampleLine,
    IReadOnlyList<ScenarioTag> Tags)
{
    /// <summary>Where a reader finds this pickle: the example row for outlines, else the scenario.</summary>
    public int SourceLine => ExampleLine ?? Line;

    public bool HasTag(string tag) => Tags.Any(t => string.Equals(t.Name, tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>Values of parameterised tags, e.g. prefix "@criterion:" gives the criterion ids.</summary>
    public IReadOnlyList<string> TagValues(string prefix) =>
        Tags.Where(t => t.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(t => t.Name[prefix.Length..])
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public bool IsGate => HasTag(GateTags.Gate);
    public bool IsQuarantined => HasTag(GateTags.Quarantine);
    public bool IsWorkInProgress => HasTag(GateTags.Wip);
    public bool IsIgnored => HasTag(GateTags.Ignore);
    public string? CriterionId => TagValues(GateTags.CriterionPrefix).FirstOrDefault();

    public string Location => $"{File}:{SourceLine}";
}
