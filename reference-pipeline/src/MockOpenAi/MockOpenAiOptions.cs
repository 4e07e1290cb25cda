namespace MockOpenAi;

/// <summary>Settings bound from the <c>MockOpenAi</c> section (env vars <c>MockOpenAi__*</c>).</summary>
public sealed class MockOpenAiOptions
{
    public const string Section = "MockOpenAi";

    /// <summary>Median latency of an embeddings request, before any fault latency.</summary>
    public int LatencyMs { get; set; }

    /// <summary>
    /// The keys this mock "issued" (<c>MockOpenAi__IssuedKeys__0</c>, ...): only these are accepted, as
    /// with OpenAI, where a well-formed but unknown key gets 401 <c>invalid_api_key</c>. None: every key is refused.
    /// </summary>
    public List<string> IssuedKeys { get; set; } = [];

    /// <summary>σ of the log-normal request latency around its median; 0 (default) makes it constant.</summary>
    public double LatencySpread { get; set; }

    /// <summary>Seed of the latency draws, so a load run can be repeated; unset draws differently each run.</summary>
    public int? LatencySeed { get; set; }

    /// <summary>Optional ceiling on requests per second: requests beyond it queue for a slot. 0 (default) is unlimited.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Advertised in <c>x-ratelimit-limit-requests</c>; enforced only with <see cref="EnforceRateLimits"/>.</summary>
    public int RequestsPerMinute { get; set; } = 3000;

    /// <summary>Advertised in <c>x-ratelimit-limit-tokens</c>.</summary>
    public int TokensPerMinute { get; set; } = 1_000_000;

    /// <summary>
    /// True: refuse requests past <see cref="RequestsPerMinute"/> in the window with 429
    /// <c>rate_limit_exceeded</c> and no Retry-After (as OpenAI often answers), so a client's own
    /// limiting can be tested against tight limits. False (default): only faults give 429s.
    /// </summary>
    public bool EnforceRateLimits { get; set; }

    /// <summary>The limit window; one minute like OpenAI's, shorter in tests.</summary>
    public int RateLimitWindowMs { get; set; } = 60_000;
}
