using Pipeline.Core.Chunking;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>
/// Turns a job's parsed text into the chunks the chunking stage buffers. A seam of its own so that
/// test-only defects can wrap it at composition time (<see cref="StageDefects"/>) instead of the stage
/// asking whether a defect is on.
/// </summary>
public interface IChunkingStep
{
    /// <summary>Names the chunking rules; part of every chunk's id, so a change of rules makes new chunks.</summary>
    string Version { get; }

    Task<IReadOnlyList<TextChunk>> ChunkAsync(ClaimedJob job, string parsedText, CancellationToken ct);
}

/// <summary>The production chunking step: the registered <see cref="IChunker"/> (the token-aware <see cref="TextChunker"/>).</summary>
public sealed class ChunkingStep(IChunker chunker) : IChunkingStep
{
    public string Version => chunker.Version;

    public Task<IReadOnlyList<TextChunk>> ChunkAsync(ClaimedJob job, string parsedText, CancellationToken ct) =>
        Task.FromResult(chunker.Chunk(job.DocumentId, parsedText));
}
