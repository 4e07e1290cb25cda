using Pipeline.Core.Chunking;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>Test-only: the <c>duplicate-chunk-insert</c> defect, where every run of chunking writes a fresh set.</summary>
internal static class DefectiveChunks
{
    public static IReadOnlyList<TextChunk> NewSetPerRun(ClaimedJob job, IReadOnlyList<TextChunk> chunks)
    {
        var version = $"{chunks.FirstOrDefault()?.ChunkerVersion}+run{job.LeaseToken}";
        return chunks.Select(c => c with { ChunkerVersion = version, ChunkId = ChunkIds.For(job.DocumentId, c.Ordinal, version) }).ToList();
    }
}
