namespace Acceptance.Gate.Inventory;

/// <summary>A feature file the Gherkin parser could not read; the linter reports it.</summary>
public sealed record InventoryProblem(string File, int Line, string Message);
