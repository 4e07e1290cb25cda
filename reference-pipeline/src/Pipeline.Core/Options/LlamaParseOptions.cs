namespace Pipeline.Core.Options;

/// <summary>Section <c>LlamaParse</c>: the parser endpoint.</summary>
public sealed class LlamaParseOptions
{
    public const string Section = "LlamaParse";

    /// <summary>e.g. <c>https://api.cloud.llamaindex.ai</c> or the mock's URL; routes add /api/v1/parsing/... (what the official clients call)</summary>
    public string BaseUrl { get; set; } = "https://api.cloud.llamaindex.ai";
    public string ApiKey { get; set; } = "";
    /// <summary>Where the parser posts completion webhooks (the api-server); empty means poll only.</summary>
    public string? WebhookUrl { get; set; }
    public int TimeoutSeconds { get; set; } = 60;
    /// <summary>Calls to LlamaParse at once from this process (the client-side concurrency cap).</summary>
    public int MaxConcurrency { get; set; } = 4;
}
