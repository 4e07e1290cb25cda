using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pipeline.Core.Chunking;
using Pipeline.Core.Defects;
using Pipeline.Core.Errors;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>
/// Test-only defects of the queue, the job processor and the stages, registered only when PIPELINE_DEFECTS names them in
/// the Testing environment: they replace the queue's <see cref="QueueRules"/> (see <see cref="QueueDefects"/>) or the
/// stages' <see cref="StageRules"/>, or wrap the job processor or the chunking step, so no production code path checks for them.
/// </summary>
public static class StageDefects
{
    public static IHostApplicationBuilder AddStageDefects(this IHostApplicationBuilder builder)
    {
        var defects = PipelineDefects.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
        if (QueueDefects.AnyOn(defects)) builder.Services.AddSingleton(QueueDefects.Rules(defects));
        string[] ruleDefects =
            [PipelineDefects.DataErrorsAsOutages, PipelineDefects.SkipParseValidation, PipelineDefects.DropLastChunk, PipelineDefects.TruncateParsedText];
        if (ruleDefects.Any(defects.IsOn)) builder.Services.AddSingleton(DefectiveRules(defects));
        if (defects.IsOn(PipelineDefects.ForgetCorrelationId))
            builder.Services.AddTransient<IJobProcessor>(sp => new ForgetsCorrelationId(sp.GetRequiredService<JobProcessor>()));
        if (defects.IsOn(PipelineDefects.IgnoreSigtermForJobInHand))
            builder.Services.AddTransient<IJobProcessor>(sp => new IgnoresStopForJobInHand(sp.GetRequiredService<JobProcessor>()));
        string[] chunkingDefects = [PipelineDefects.StallInChunking, PipelineDefects.DuplicateChunkInsert, PipelineDefects.LogDocumentText];
        if (chunkingDefects.Any(defects.IsOn))
        {
            builder.Services.AddSingleton<IChunkingStep>(sp => new DefectiveChunkingStep(
                new ChunkingStep(sp.GetRequiredService<IChunker>()),
                stall: defects.IsOn(PipelineDefects.StallInChunking),
                newSetPerRun: defects.IsOn(PipelineDefects.DuplicateChunkInsert),
                textLog: defects.IsOn(PipelineDefects.LogDocumentText) ? sp.GetRequiredService<ILogger<DefectiveChunkingStep>>() : null));
        }
        return builder;
    }

    /// <summary>
    /// data-errors-as-outages: parsed text is stored as the parser sent it, control characters and all, and the
    /// database's refusal of it is taken for an outage and retried. skip-parse-validation: a parse without text
    /// passes validation. drop-last-chunk: the chunk with the highest ordinal does not reach the final table.
    /// truncate-parsed-text: the parsed text is stored cut to its first half, as a fixed-size read of the parser's answer would.
    /// </summary>
    private static StageRules DefectiveRules(PipelineDefects defects)
    {
        var rules = StageRules.Correct;
        if (defects.IsOn(PipelineDefects.DataErrorsAsOutages))
        {
            rules = rules with
            {
                StorableText = markdown => markdown,
                Classify = (e, stage, documentId) => e is NpgsqlException
                    ? PipelineError.Transient("database-unavailable", $"The database failed during {stage}: {e.Message}")
                    : FailureClassifier.Classify(e, stage, documentId),
            };
        }
        if (defects.IsOn(PipelineDefects.SkipParseValidation)) rules = rules with { HasText = _ => true };
        if (defects.IsOn(PipelineDefects.DropLastChunk)) rules = rules with { MoveToFinal = MoveAllButTheLastAsync };
        if (defects.IsOn(PipelineDefects.TruncateParsedText))
        {
            var clean = rules.StorableText;
            rules = rules with
            {
                StorableText = markdown =>
                {
                    var text = clean(markdown);
                    return text[..(text.Length / 2)];
                },
            };
        }
        return rules;
    }

    private static async Task<int> MoveAllButTheLastAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid documentId, string model, CancellationToken ct)
    {
        var stored = await ChunkStore.MoveToFinalAsync(connection, transaction, documentId, model, ct);
        await using var dropLast = new NpgsqlCommand("""
            DELETE FROM upload_pipeline.document_chunks
            WHERE document_id = @document_id AND embedding_model = @model
              AND chunk_ordinal = (SELECT max(chunk_ordinal) FROM upload_pipeline.document_chunks
                                   WHERE document_id = @document_id AND embedding_model = @model)
            """, connection, transaction);
        dropLast.Parameters.AddWithValue("document_id", documentId);
        dropLast.Parameters.AddWithValue("model", model);
        return stored - await dropLast.ExecuteNonQueryAsync(ct);
    }

    /// <summary>forget-correlation-id: each claim is worked under a fresh correlation id, so the job's events and log lines lose its own.</summary>
    private sealed class ForgetsCorrelationId(IJobProcessor inner) : IJobProcessor
    {
        public Task ProcessAsync(ClaimedJob claimed, CancellationToken stopping, CancellationToken deadline) =>
            inner.ProcessAsync(claimed with { CorrelationId = Guid.NewGuid() }, stopping, deadline);
    }

    /// <summary>
    /// ignore-sigterm-for-job-in-hand: the job in hand never hears of the stop or the shutdown deadline, as when the
    /// host's stopping token is not passed down to it: it is neither released nor cut off, and a stage that outlasts
    /// the host's shutdown timeout dies with the process, leaving the lease to run out.
    /// </summary>
    private sealed class IgnoresStopForJobInHand(IJobProcessor inner) : IJobProcessor
    {
        public Task ProcessAsync(ClaimedJob claimed, CancellationToken stopping, CancellationToken deadline) =>
            inner.ProcessAsync(claimed, CancellationToken.None, CancellationToken.None);
    }

    /// <summary>
    /// stall-in-chunking: chunking takes <see cref="PipelineDefects.StallInChunkingDelay"/> longer.
    /// duplicate-chunk-insert: every run of the stage makes a fresh set of chunk ids, so buffering is no longer idempotent.
    /// log-document-text: the start of the text about to be chunked is logged, as a debugging line left in would.
    /// </summary>
    private sealed class DefectiveChunkingStep(IChunkingStep inner, bool stall, bool newSetPerRun, ILogger? textLog) : IChunkingStep
    {
        public string Version => inner.Version;

        public async Task<IEnumerable<TextChunk>> ChunkAsync(ClaimedJob job, Func<TextReader> openParsedText, CancellationToken ct)
        {
            if (textLog is not null) LogTextStart(textLog, openParsedText);
            if (stall) await Task.Delay(PipelineDefects.StallInChunkingDelay, ct);
            var chunks = await inner.ChunkAsync(job, openParsedText, ct);
            return newSetPerRun ? NewSetPerRun(job, chunks) : chunks;
        }

        private static void LogTextStart(ILogger textLog, Func<TextReader> openParsedText)
        {
            using var text = openParsedText();
            var start = new char[400];
            textLog.LogInformation("Parsed text begins: {ParsedText}", new string(start, 0, text.ReadBlock(start)));
        }

        private IEnumerable<TextChunk> NewSetPerRun(ClaimedJob job, IEnumerable<TextChunk> chunks)
        {
            var version = $"{inner.Version}+run{job.LeaseToken}";
            return chunks.Select(c => c with { ChunkerVersion = version, ChunkId = ChunkIds.For(job.DocumentId, c.Ordinal, version) });
        }
    }
}
