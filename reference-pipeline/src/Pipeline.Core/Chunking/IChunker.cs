namespace Pipeline.Core.Chunking;

/// <summary>Cuts a document's parsed text into the chunks that are embedded (<see cref="TextChunker"/>).</summary>
public interface IChunker
{
    /// <summary>Changes whenever the output could change, so chunks of different settings never mix.</summary>
    string Version { get; }

    /// <summary>The chunks in order, made while the text is read: a caller that stores them as they come holds few at a time.</summary>
    IEnumerable<TextChunk> Chunk(Guid documentId, TextReader text);
}

public static class ChunkerExtensions
{
    /// <summary>All chunks of a text already in memory.</summary>
    public static IReadOnlyList<TextChunk> Chunk(this IChunker chunker, Guid documentId, string text) =>
        chunker.Chunk(documentId, new StringReader(text)).ToList();
}
