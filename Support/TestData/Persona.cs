namespace Acceptance.Support.TestData;

/// <summary>A person named in a scenario ("Dana", "Ravi").</summary>
public sealed record Persona(string Name);
