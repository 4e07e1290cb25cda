namespace MockOpenAi;

/// <summary>Settings bound from the <c>MockOpenAi</c> section (env vars <c>MockOpenAi__*</c>).</summary>
public sealed class MockOpenAiOptions
{
    public const string Section = "MockOpenAi";

    /// <summary>Latency added to every embeddings request, before any fault latency.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Bearer keys are accepted when they start with this prefix.</summary>
    public string ApiKeyPrefix { get; set; } = "sk-";

    /// <summary>Advertised in <c>x-ratelimit-limit-requests</c>; the mock only reports it, faults produce 429s.</summary>
    public int RequestsPerMinute { get; set; } = 3000;

    /// <summary>Advertised in <c>x-ratelimit-limit-tokens</c>.</summary>
    public int TokensPerMinute { get; set; } = 1_000_000;
}
