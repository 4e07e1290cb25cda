namespace Acceptance.Support.ContractProbe;

/// <summary>How one contract item looked on the target.</summary>
public enum ProbeResult
{
    Present,
    /// <summary>The contract needs it and the target lacks it: the run cannot start.</summary>
    Missing,
    /// <summary>The target has it but it answers or looks other than the contract says: the run cannot start.</summary>
    Wrong,
    /// <summary>An optional capability the target does not offer: the criteria that need it read "not verified".</summary>
    NotGiven,
}

/// <summary>One row of the probe's table: the item, what the probe found and, unless present, what to do.</summary>
public sealed record ProbeFinding(string Item, ProbeResult Result, string Action = "")
{
    public bool Blocks => Result is ProbeResult.Missing or ProbeResult.Wrong;

    public static ProbeFinding NotGiven(string item, string why, IEnumerable<string> criteria) =>
        new(item, ProbeResult.NotGiven, $"{why}: criteria {string.Join(", ", criteria.Distinct())} not verifiable");
}
