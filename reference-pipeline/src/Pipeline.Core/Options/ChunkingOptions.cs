namespace Pipeline.Core.Options;

/// <summary>Section <c>Chunking</c>: the token-aware (cl100k) chunker.</summary>
public sealed class ChunkingOptions
{
    public const string Section = "Chunking";

    public int MaxTokens { get; set; } = 512;
    public int OverlapTokens { get; set; } = 64;
}
