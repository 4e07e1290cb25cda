namespace MockOpenAi;

/// <summary>Settings bound from the <c>MockOpenAi</c> section (env vars <c>MockOpenAi__*</c>).</summary>
public sealed class MockOpenAiOptions
{
    public const string Section = "MockOpenAi";

    /// <summary>Latency added to every embeddings request, before any fault latency.</summary>
    public int LatencyMs { get; set; }

    /// <summary>
    /// The keys this mock "issued" (<c>MockOpenAi__IssuedKeys__0</c>, ...): only these are accepted, as
    /// with OpenAI, where a well-formed but unknown key gets 401 <c>invalid_api_key</c>. None: every key is refused.
    /// </summary>
    public List<string> IssuedKeys { get; set; } = [];

    /// <summary>Advertised in <c>x-ratelimit-limit-requests</c>; the mock only reports it, faults produce 429s.</summary>
    public int RequestsPerMinute { get; set; } = 3000;

    /// <summary>Advertised in <c>x-ratelimit-limit-tokens</c>.</summary>
    public int TokensPerMinute { get; set; } = 1_000_000;
}
