namespace MockOpenAi.Embeddings;

/// <summary>One input to embed: its text (token-array inputs are decoded) and its cl100k token count.</summary>
internal sealed record EmbeddingInput(string Text, int TokenCount);

/// <summary>A validated <c>POST /v1/embeddings</c> request.</summary>
internal sealed record EmbeddingRequest(
    EmbeddingModel Model,
    IReadOnlyList<EmbeddingInput> Inputs,
    bool Base64,
    int Dimensions)
{
    public int TotalTokens => Inputs.Sum(input => input.TokenCount);
}
