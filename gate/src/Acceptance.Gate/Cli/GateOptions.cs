namespace Acceptance.Gate.Cli;

/// <summary>What one gate run does; every knob has a default that gives the standard Phase 4 gate.</summary>
public sealed record GateOptions
{
    public const string GateTag = "gate";
    public const string RealApiTag = "real-api";

    public string Target { get; init; } = "local";
    /// <summary>The compose target's files, layered in order (the suite's Acceptance:Compose:Files); none: docker-compose.yml.</summary>
    public IReadOnlyList<string> ComposeFiles { get; init; } = [];
    /// <summary>Tags selecting the scenarios to run (any of them); the gate by default, the gate and @real-api with --real-apis.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [GateTag];
    /// <summary>Tags whose scenarios are left out even when selected.</summary>
    public IReadOnlyList<string> ExcludedTags { get; init; } = ["wip", "ignore"];
    public int? Documents { get; init; }
    public int? Concurrency { get; init; }
    public decimal? BudgetUsd { get; init; }
    /// <summary>
    /// The whole gate with the real LlamaParse and OpenAI: the @gate scenarios on the mocks and the @real-api ones with
    /// local workers pointed at the real providers (two passes of the suite, one verdict; see Running.SuitePasses).
    /// </summary>
    public bool RealApis { get; init; }
    /// <summary>With <see cref="RealApis"/>: the same run, but the @real-api scenarios run against the bundled mocks (no keys, nothing spent, never ready).</summary>
    public bool Rehearse { get; init; }
    public string? LlamaParseKeyFile { get; init; }
    public string? OpenAiKeyFile { get; init; }
    public string? ReportsDirectory { get; init; }
    public string? PreviousReadiness { get; init; }
    public bool BlockOnNotVerified { get; init; } = true;
    public double RegressionThresholdPercent { get; init; } = 20;
    /// <summary>From this CPU canary slowdown on, speed-only failures are "not judged" (see Readiness.StarvationRule).</summary>
    public double StarvedAtSlowdown { get; init; } = 10;
    public bool ShowHelp { get; init; }
    /// <summary>Where the feature files are (default: Features/ of the repository).</summary>
    public string? FeaturesDirectory { get; init; }
    /// <summary>Check tags and steps, write the step catalogue, and stop before starting anything.</summary>
    public bool LintOnly { get; init; }
    /// <summary>Probe the target against docs/contract/ (see Running.ContractPreflight) and stop before any scenario.</summary>
    public bool CheckContract { get; init; }
    /// <summary>Run share i of n of the selected features (see ShardPlan); null runs them all.</summary>
    public Sharding.ShardSpec? Shard { get; init; }
    /// <summary>Feature titles left out of this run (the other shards' features).</summary>
    public IReadOnlyList<string> ExcludedFeatures { get; init; } = [];

    /// <summary>The scenarios this run sets out to run, as the readiness report judges them.</summary>
    public Readiness.ScenarioSelection Selection => new(Tags, ExcludedTags, ExcludedFeatures, Shard?.ToString());
}
