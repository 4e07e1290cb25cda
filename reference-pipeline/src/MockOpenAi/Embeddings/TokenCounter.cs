using Microsoft.ML.Tokenizers;

namespace MockOpenAi.Embeddings;

/// <summary>cl100k_base, the encoding OpenAI uses to count and limit embedding input tokens.</summary>
public sealed class TokenCounter
{
    private readonly TiktokenTokenizer _tokenizer = TiktokenTokenizer.CreateForModel("text-embedding-3-small");

    public int Count(string text) => _tokenizer.CountTokens(text);

    /// <summary>Decodes token ids sent as input; null when an id is not in the vocabulary.</summary>
    public string? Decode(IReadOnlyList<int> tokenIds)
    {
        try
        {
            return _tokenizer.Decode(tokenIds);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
