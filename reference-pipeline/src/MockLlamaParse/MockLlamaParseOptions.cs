namespace MockLlamaParse;

/// <summary>Settings bound from the <c>MockLlamaParse</c> section (env vars <c>MockLlamaParse__*</c>).</summary>
public sealed class MockLlamaParseOptions
{
    public const string Section = "MockLlamaParse";

    /// <summary>Median parsing time of a job (it stays PENDING meanwhile), before the per-page part.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Extra parsing time per page, so long documents take longer like the real parser.</summary>
    public int PerPageLatencyMs { get; set; }

    /// <summary>σ of the log-normal parsing time around its median; 0 (default) makes it constant.</summary>
    public double LatencySpread { get; set; }

    /// <summary>Seed of the parsing-time draws, so a load run can be repeated; unset draws differently each run.</summary>
    public int? LatencySeed { get; set; }

    /// <summary>Jobs parsed at once; the others queue (PENDING) like on a busy service.</summary>
    public int MaxConcurrentParses { get; set; } = 8;

    /// <summary>Bearer keys are accepted when they start with this prefix.</summary>
    public string ApiKeyPrefix { get; set; } = "llx-";

    /// <summary>Credits charged per parsed page (LlamaParse's cheapest mode costs 1).</summary>
    public int CreditsPerPage { get; set; } = 1;

    /// <summary>
    /// The real service accepts only https webhook URLs whose host is a domain name; loopback tests
    /// need plain http to 127.0.0.1, so only the length rule is always on. True applies all three.
    /// </summary>
    public bool StrictWebhookUrls { get; set; }

    /// <summary>Webhook deliveries tried per job before giving up (non-2xx or connection failure).</summary>
    public int WebhookAttempts { get; set; } = 3;

    public int WebhookRetryDelayMs { get; set; } = 500;
}
