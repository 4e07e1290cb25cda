namespace Pipeline.Core.Chunking;

/// <summary>
/// One chunk of a document's parsed text. <see cref="StartOffset"/>/<see cref="EndOffset"/> are
/// character positions in the source, so neighbours overlap where the windows do.
/// </summary>
public sealed record TextChunk(
    Guid ChunkId,
    int Ordinal,
    string ChunkerVersion,
    string Content,
    string ContentSha256,
    int TokenCount,
    int StartOffset,
    int EndOffset);
