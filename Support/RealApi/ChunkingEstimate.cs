namespace Acceptance.Support.RealApi;

/// <summary>
/// How a text is expected to be chunked by a pipeline that keeps to the contract's chunk limits (at most
/// <c>maxTokens</c> cl100k tokens a chunk, <c>overlapTokens</c> shared with the one before): full chunks
/// from the start. A pipeline that cuts at paragraph or sentence ends makes a few more, shorter ones, which
/// is why the suite compares counts within a ratio and never expects them equal.
/// </summary>
public sealed record ChunkingEstimate(int Tokens, int Chunks, long ChunkedTokens)
{
    public static ChunkingEstimate Of(string text, int maxTokens, int overlapTokens)
    {
        if (maxTokens <= overlapTokens)
            throw new ArgumentOutOfRangeException(nameof(overlapTokens), overlapTokens, $"The chunk overlap must be below the chunk size ({maxTokens}).");
        var tokens = string.IsNullOrWhiteSpace(text) ? 0 : Cl100k.CountTokens(text);
        if (tokens == 0) return new ChunkingEstimate(0, 0, 0);
        var chunks = tokens <= maxTokens ? 1 : 1 + (int)Math.Ceiling((tokens - maxTokens) / (double)(maxTokens - overlapTokens));
        // Every chunk after the first repeats the overlap of the one before it, and each repeated token is embedded (and paid) again.
        return new ChunkingEstimate(tokens, chunks, tokens + (long)(chunks - 1) * overlapTokens);
    }
}
