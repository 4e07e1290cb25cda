namespace BenchmarkSuite.StepDefinitions;

/// <summary>The one piece of scenario state the workload's steps share, injected by Reqnroll.</summary>
public sealed class Tally
{
    public int Value { get; set; }
}
