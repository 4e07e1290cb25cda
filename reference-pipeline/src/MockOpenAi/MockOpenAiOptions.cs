namespace MockOpenAi;

/// <summary>Settings bound from the <c>MockOpenAi</c> section (env vars <c>MockOpenAi__*</c>).</summary>
public sealed class MockOpenAiOptions
{
    public const string Section = "MockOpenAi";

    /// <summary>Median latency of an embeddings request, before any fault latency.</summary>
    public int LatencyMs { get; set; }

    /// <summary>σ of the log-normal request latency around its median; 0 (default) makes it constant.</summary>
    public double LatencySpread { get; set; }

    /// <summary>Seed of the latency draws, so a load run can be repeated; unset draws differently each run.</summary>
    public int? LatencySeed { get; set; }

    /// <summary>Optional ceiling on requests per second: requests beyond it queue for a slot. 0 (default) is unlimited.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Bearer keys are accepted when they start with this prefix.</summary>
    public string ApiKeyPrefix { get; set; } = "sk-";

    /// <summary>Advertised in <c>x-ratelimit-limit-requests</c>; the mock only reports it, faults produce 429s.</summary>
    public int RequestsPerMinute { get; set; } = 3000;

    /// <summary>Advertised in <c>x-ratelimit-limit-tokens</c>.</summary>
    public int TokensPerMinute { get; set; } = 1_000_000;
}
