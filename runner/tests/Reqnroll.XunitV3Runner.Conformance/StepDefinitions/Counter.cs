namespace Conformance.StepDefinitions;

/// <summary>Scenario state shared between binding classes by Reqnroll's context injection.</summary>
public sealed class Counter
{
    public int Value { get; set; }
}
