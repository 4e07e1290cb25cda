using Acceptance.Support.Drivers.Hostile;

namespace Acceptance.Support.Contexts;

/// <summary>The hostile-input sweep of this scenario: who sent it and what the API answered.</summary>
public sealed class SweepContext
{
    public string AttackerId { get; set; } = "";
    public IReadOnlyList<SweepAnswer> Answers { get; set; } = [];
}
