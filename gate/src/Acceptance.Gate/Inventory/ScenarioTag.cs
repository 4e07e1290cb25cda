namespace Acceptance.Gate.Inventory;

/// <summary>A tag as written in a feature file (with its '@') and the line it is written on.</summary>
public sealed record ScenarioTag(string Name, int Line);
