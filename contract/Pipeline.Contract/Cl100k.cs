using Microsoft.ML.Tokenizers;

namespace Pipeline.Contract;

/// <summary>The cl100k_base tokenizer (OpenAI's embedding models), loaded once per process.</summary>
public static class Cl100k
{
    private static readonly Lazy<Tokenizer> Instance = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    public static Tokenizer Tokenizer => Instance.Value;

    public static int CountTokens(string text) => Tokenizer.CountTokens(text);
}
