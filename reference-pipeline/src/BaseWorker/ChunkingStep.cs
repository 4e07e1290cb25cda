using Pipeline.Core.Chunking;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>
/// Turns a job's parsed text into the chunks the chunking stage buffers, one by one as the text is read
/// (the stage stores each as it comes, so a long document never has all its chunks in memory). A seam of its own so that
/// test-only defects can wrap it at composition time (<see cref="StageDefects"/>) instead of the stage
/// asking whether a defect is on.
/// </summary>
public interface IChunkingStep
{
    /// <summary>Names the chunking rules; part of every chunk's id, so a change of rules makes new chunks.</summary>
    string Version { get; }

    /// <param name="openParsedText">Opens the parsed text for reading; the returned chunks own (and close) what it opens.</param>
    Task<IEnumerable<TextChunk>> ChunkAsync(ClaimedJob job, Func<TextReader> openParsedText, CancellationToken ct);
}

/// <summary>The production chunking step: the registered <see cref="IChunker"/> (the token-aware <see cref="TextChunker"/>).</summary>
public sealed class ChunkingStep(IChunker chunker) : IChunkingStep
{
    public string Version => chunker.Version;

    public Task<IEnumerable<TextChunk>> ChunkAsync(ClaimedJob job, Func<TextReader> openParsedText, CancellationToken ct) =>
        Task.FromResult(ChunksOf(job.DocumentId, openParsedText));

    private IEnumerable<TextChunk> ChunksOf(Guid documentId, Func<TextReader> openParsedText)
    {
        using var text = openParsedText();
        foreach (var chunk in chunker.Chunk(documentId, text)) yield return chunk;
    }
}
