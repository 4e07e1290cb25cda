namespace Pipeline.Core.Options;

/// <summary>Section <c>OpenAI</c>: the embeddings endpoint used through the official SDK.</summary>
public sealed class OpenAiOptions
{
    public const string Section = "OpenAI";

    /// <summary>e.g. <c>https://api.openai.com</c> or the mock's URL; <c>/v1</c> is appended when missing.</summary>
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";
    public string ApiKey { get; set; } = "";
    public string Model { get; set; } = "text-embedding-3-small";
    /// <summary>Requested vector size; null means the model's default.</summary>
    public int? Dimensions { get; set; }
    public int TimeoutSeconds { get; set; } = 60;
    /// <summary>Calls to OpenAI at once from this process (the client-side concurrency cap).</summary>
    public int MaxConcurrency { get; set; } = 2;
}
