namespace Pipeline.Core.Chunking;

/// <summary>Splits embedding inputs into requests within OpenAI's limits, keeping their order.</summary>
public static class EmbeddingBatcher
{
    public const int MaxInputsPerRequest = 2048;
    public const int MaxTokensPerRequest = 300_000;

    public static IReadOnlyList<IReadOnlyList<T>> Split<T>(IReadOnlyList<T> items, Func<T, int> tokenCount,
        int maxInputs = MaxInputsPerRequest, int maxTokens = MaxTokensPerRequest)
    {
        var batches = new List<IReadOnlyList<T>>();
        var current = new List<T>();
        var currentTokens = 0;
        foreach (var item in items)
        {
            var tokens = tokenCount(item);
            if (tokens > maxTokens)
                throw new ArgumentException($"An input of {tokens} tokens exceeds the request limit of {maxTokens}.", nameof(items));
            if (current.Count == maxInputs || currentTokens + tokens > maxTokens)
            {
                batches.Add(current);
                current = [];
                currentTokens = 0;
            }
            current.Add(item);
            currentTokens += tokens;
        }
        if (current.Count > 0) batches.Add(current);
        return batches;
    }
}
