namespace Acceptance.Gate.Inventory;

/// <summary>The tag grammar of the feature files (docs/contract.md, "Criteria and tags"), spelled once.</summary>
public static class GateTags
{
    public const string Gate = "@gate";
    public const string Smoke = "@smoke";
    public const string Disruptive = "@disruptive";
    public const string Slow = "@slow";
    public const string RealApi = "@real-api";
    public const string Quarantine = "@quarantine";
    public const string Ignore = "@ignore";
    public const string Wip = "@wip";
    public const string CriterionPrefix = "@criterion:";
    public const string OwnerPrefix = "@owner:";
    public const string ExpiresPrefix = "@expires:";
    /// <summary>A capability the scenario's target must declare (Pipeline.Contract.TargetCapabilities).</summary>
    public const string NeedsPrefix = Pipeline.Contract.TargetCapabilities.TagPrefix;

    public static readonly IReadOnlySet<string> Plain = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Gate, Smoke, Disruptive, Slow, RealApi, Quarantine, Ignore, Wip,
    };

    public static readonly IReadOnlyList<string> Prefixes = [CriterionPrefix, OwnerPrefix, ExpiresPrefix];
}
