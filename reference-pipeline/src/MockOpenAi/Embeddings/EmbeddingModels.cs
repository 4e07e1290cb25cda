namespace MockOpenAi.Embeddings;

/// <summary>The embedding models OpenAI serves, with their native dimensions.</summary>
internal sealed record EmbeddingModel(string Name, int Dimensions, bool AcceptsDimensionsParameter);

internal static class EmbeddingModels
{
    private static readonly Dictionary<string, EmbeddingModel> Known = new[]
    {
        new EmbeddingModel("text-embedding-3-small", 1536, AcceptsDimensionsParameter: true),
        new EmbeddingModel("text-embedding-3-large", 3072, AcceptsDimensionsParameter: true),
        new EmbeddingModel("text-embedding-ada-002", 1536, AcceptsDimensionsParameter: false),
    }.ToDictionary(model => model.Name, StringComparer.Ordinal);

    public static EmbeddingModel? Find(string name) => Known.GetValueOrDefault(name);
}
