using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Core.Chunking;
using Pipeline.Core.Defects;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>
/// Test-only defects of the queue and the stages, registered only when PIPELINE_DEFECTS names them in
/// the Testing environment: they replace the queue's <see cref="QueueRules"/> (see <see cref="QueueDefects"/>)
/// or wrap the chunking step, so no production code path checks for them.
/// </summary>
public static class StageDefects
{
    public static IHostApplicationBuilder AddStageDefects(this IHostApplicationBuilder builder)
    {
        var defects = PipelineDefects.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
        if (QueueDefects.AnyOn(defects)) builder.Services.AddSingleton(QueueDefects.Rules(defects));
        if (defects.IsOn(PipelineDefects.StallInChunking) || defects.IsOn(PipelineDefects.DuplicateChunkInsert))
        {
            builder.Services.AddSingleton<IChunkingStep>(sp => new DefectiveChunkingStep(
                new ChunkingStep(sp.GetRequiredService<IChunker>()),
                stall: defects.IsOn(PipelineDefects.StallInChunking),
                newSetPerRun: defects.IsOn(PipelineDefects.DuplicateChunkInsert)));
        }
        return builder;
    }

    /// <summary>
    /// stall-in-chunking: chunking takes <see cref="PipelineDefects.StallInChunkingDelay"/> longer.
    /// duplicate-chunk-insert: every run of the stage makes a fresh set of chunk ids, so buffering is no longer idempotent.
    /// </summary>
    private sealed class DefectiveChunkingStep(IChunkingStep inner, bool stall, bool newSetPerRun) : IChunkingStep
    {
        public string Version => inner.Version;

        public async Task<IReadOnlyList<TextChunk>> ChunkAsync(ClaimedJob job, string parsedText, CancellationToken ct)
        {
            if (stall) await Task.Delay(PipelineDefects.StallInChunkingDelay, ct);
            var chunks = await inner.ChunkAsync(job, parsedText, ct);
            return newSetPerRun ? NewSetPerRun(job, chunks) : chunks;
        }

        private static IReadOnlyList<TextChunk> NewSetPerRun(ClaimedJob job, IReadOnlyList<TextChunk> chunks)
        {
            var version = $"{chunks.FirstOrDefault()?.ChunkerVersion}+run{job.LeaseToken}";
            return chunks.Select(c => c with { ChunkerVersion = version, ChunkId = ChunkIds.For(job.DocumentId, c.Ordinal, version) }).ToList();
        }
    }
}
