namespace MockOpenAi.Embeddings;

/// <summary>The embedding models OpenAI serves, with their native dimensions and per-input token limit.</summary>
internal sealed record EmbeddingModel(string Name, int Dimensions, bool AcceptsDimensionsParameter, int MaxInputTokens);

internal static class EmbeddingModels
{
    private static readonly Dictionary<string, EmbeddingModel> Known = new[]
    {
        // 8192 tokens per input for the text-embedding-3 models: OpenAI's answer to a longer input
        // reads "This model's maximum context length is 8192 tokens" (e.g. pingcap/autoflow#265 with
        // text-embedding-3-small; microsoft/PubSec-Info-Assistant#755). ada-002 answered 8191
        // (fierceX/Document_QA#3, 2023).
        new EmbeddingModel("text-embedding-3-small", 1536, AcceptsDimensionsParameter: true, MaxInputTokens: 8192),
        new EmbeddingModel("text-embedding-3-large", 3072, AcceptsDimensionsParameter: true, MaxInputTokens: 8192),
        new EmbeddingModel("text-embedding-ada-002", 1536, AcceptsDimensionsParameter: false, MaxInputTokens: 8191),
    }.ToDictionary(model => model.Name, StringComparer.Ordinal);

    public static EmbeddingModel? Find(string name) => Known.GetValueOrDefault(name);
}
