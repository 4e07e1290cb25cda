namespace Pipeline.Core.Chunking;

/// <summary>Cuts a document's parsed text into the chunks that are embedded (<see cref="TextChunker"/>).</summary>
public interface IChunker
{
    /// <summary>Changes whenever the output could change, so chunks of different settings never mix.</summary>
    string Version { get; }

    IReadOnlyList<TextChunk> Chunk(Guid documentId, string text);
}
