using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Pipeline.Core;
using Pipeline.Core.Chunking;
using Pipeline.Core.Defects;
using Pipeline.Core.Errors;
using Pipeline.Core.Options;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;
using Pipeline.Core.Storage;
using Pipeline.Contract;

namespace BaseWorker;

/// <summary>
/// Runs the step that follows a job's current stage and commits the next stage (fenced).
/// Returns the job to keep working on, or null when it left this worker's hands (parked for
/// the parser, or done). Every step can be re-run safely.
/// </summary>
public sealed class StageRunner(
    JobQueue queue,
    NpgsqlDataSource db,
    WorkerDocuments documents,
    DocumentStorage storage,
    LlamaParseClient parser,
    OpenAiEmbedder embedder,
    PaidProviderCalls paid,
    IChunkingStep chunking,
    IOptions<LlamaParseOptions> parserOptions,
    StageRules rules,
    StageDelays delays,
    DependencyRecovery recovery,
    ILogger<StageRunner> logger)
{
    public const string ParserJobIdKey = "parserJobId";

    public async Task<ClaimedJob?> RunAsync(ClaimedJob job, CancellationToken ct) => job.Stage switch
    {
        Stages.JobValidated => await AdvanceAsync(job, Stages.Parsing, ct),
        Stages.Parsing => await ParseAsync(job, ct),
        Stages.Parsed => await ValidateParseAsync(job, ct),
        Stages.ParseValidated => await AdvanceAsync(job, Stages.Chunking, ct),
        Stages.Chunking => await ChunkAsync(job, ct),
        Stages.ChunksBuffered => await AdvanceAsync(job, Stages.Embedding, ct),
        Stages.Embedding => await EmbedAsync(job, ct),
        Stages.EmbeddingsBuffered => await FinishAsync(job, ct),
        _ => null,
    };

    private Task<ClaimedJob> AdvanceAsync(ClaimedJob job, string nextStage, CancellationToken ct) =>
        CommitAsync(job, queue.BeginStageCommit(job, nextStage, JobStates.Working), ct);

    /// <summary>
    /// Commits a stage's unit of work (outputs and advance, fenced: see <see cref="StageCommit"/>) and logs
    /// the transition, so a document's story can be read stage by stage from the logs as well as from the audit trail.
    /// </summary>
    private async Task<ClaimedJob> CommitAsync(ClaimedJob job, StageCommit commit, CancellationToken ct)
    {
        var next = await commit.CommitAsync(ct);
        logger.LogInformation("Job {JobId} moved from {FromStage} to {Stage}", job.JobId, job.Stage, next.Stage);
        return next;
    }

    /// <summary>Uploads to the parser and parks, or, once woken, collects the parser's result.</summary>
    private async Task<ClaimedJob?> ParseAsync(ClaimedJob job, CancellationToken ct)
    {
        var parserJobId = job.PayloadString(ParserJobIdKey);
        if (parserJobId is not null) return await FollowParserJobAsync(job, parserJobId, await parser.GetStatusAsync(parserJobId, ct), ct);

        await DelayForTestsAsync(job, ct);
        var document = await documents.GetAsync(job.DocumentId, ct);
        // A fresh token per upload: a stale parser job's webhook (from an earlier attempt) no longer matches.
        var token = ParserWebhooks.NewToken();
        var webhookUrl = ParserWebhooks.UrlFor(parserOptions.Value.WebhookUrl, job.JobId, token);
        if (webhookUrl is not null) await ParserWebhooks.RecordTokenAsync(db, job, ParserWebhooks.HashHex(token), ct);
        var uploaded = await paid.UploadAsync(job, document, webhookUrl, ct);
        logger.LogInformation("Uploaded {Filename} to the parser as {ParserJobId}", document.Filename, uploaded.Id);
        await queue.RecordParserJobAsync(job, uploaded.Id, ct);
        // Ask once before parking: a fast parser may already be done. A webhook that arrives from
        // here on is recorded on the job, and the park then makes it due at once.
        var status = uploaded.Status is ParserJobStatus.Success or ParserJobStatus.PartialSuccess
            ? uploaded
            : await parser.GetStatusAsync(uploaded.Id, ct);
        return await FollowParserJobAsync(job, uploaded.Id, status, ct);
    }

    private async Task<ClaimedJob?> FollowParserJobAsync(ClaimedJob job, string parserJobId, ParserJob status, CancellationToken ct)
    {
        switch (status.Status)
        {
            case ParserJobStatus.Success or ParserJobStatus.PartialSuccess:
                var result = await paid.GetMarkdownAsync(job, parserJobId, ct);
                var parsedPath = await storage.SaveParsedMarkdownAsync(job.DocumentId, rules.StorableText(result.Markdown), ct);
                var parsed = await CommitAsync(job, queue.BeginStageCommit(job, Stages.Parsed, JobStates.Working)
                    .WithPayload(new JsonObject
                    {
                        [ParserJobIdKey] = parserJobId, ["pages"] = result.Pages, ["creditsUsed"] = result.CreditsUsed, ["parsedPath"] = parsedPath,
                    })
                    .Storing((connection, transaction, token) =>
                        WorkerDocuments.RecordParsedAsync(connection, transaction, job.DocumentId, parsedPath, result.Pages, token)),
                    ct);
                logger.LogInformation("Parser job {ParserJobId} finished: {Pages} pages, {CreditsUsed} credits",
                    parserJobId, result.Pages, result.CreditsUsed);
                await recovery.HealthyAsync(ErrorDependencies.Parser, parsed, ct);
                return parsed;
            case ParserJobStatus.Pending:
                await queue.WaitForParserAsync(job, new JsonObject { [ParserJobIdKey] = parserJobId }, ct);
                logger.LogInformation("Parser job {ParserJobId} is pending; waiting for its webhook or the next poll", parserJobId);
                return null;
            default:
                await paid.ParseFailedAsync(job, ct);
                if (status.FailedOnTheDocument)
                {
                    throw new PipelineErrorException(PipelineError.Permanent("parser-rejected-document",
                        $"The parser cannot read this document ({status.ErrorCode}): {status.ErrorMessage ?? "no reason given"}"));
                }
                // Forget the failed parser job so the retry uploads the document again.
                throw new PipelineErrorException(PipelineError.Transient("parser-job-failed",
                    $"The parser reported {status.Status} for job {parserJobId}: {status.ErrorMessage ?? "no reason given"}"))
                {
                    PayloadPatch = new JsonObject { [ParserJobIdKey] = null },
                };
        }
    }

    private async Task<ClaimedJob> ValidateParseAsync(ClaimedJob job, CancellationToken ct)
    {
        bool hasText;
        using (var markdown = storage.OpenParsedMarkdown(job.DocumentId)) hasText = rules.HasText(markdown);
        if (!hasText)
        {
            throw new PipelineErrorException(PipelineError.Permanent("parsed-content-empty",
                "The parser returned no text for this document, so there is nothing to embed."));
        }
        ParsedTextDigest digest;
        using (var markdown = storage.OpenParsedMarkdown(job.DocumentId)) digest = ParsedTextDigest.Of(markdown);
        return await CommitAsync(job, queue.BeginStageCommit(job, Stages.ParseValidated, JobStates.Working)
            .WithPayload(new JsonObject { ["parsedSha256"] = digest.Sha256, ["parsedChars"] = digest.Chars })
            .Storing((connection, transaction, token) => WorkerDocuments.RecordParsedSha256Async(connection, transaction, job.DocumentId, digest.Sha256, token)),
            ct);
    }

    /// <summary>
    /// Buffers the chunks in their own transaction (an idempotent upsert: a checkpoint a re-run finds,
    /// see <see cref="StageCommit"/>), each as the chunker makes it from the stored text, then commits the stage.
    /// </summary>
    private async Task<ClaimedJob> ChunkAsync(ClaimedJob job, CancellationToken ct)
    {
        var chunks = await chunking.ChunkAsync(job, () => storage.OpenParsedMarkdown(job.DocumentId), ct);
        int chunkCount;
        await using (var connection = await db.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            chunkCount = await ChunkStore.BufferChunksAsync(connection, transaction, job.DocumentId, chunks, ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Buffered {ChunkCount} chunks ({ChunkerVersion})", chunkCount, chunking.Version);
        await DelayForTestsAsync(job, ct);
        return await CommitAsync(job, queue.BeginStageCommit(job, Stages.ChunksBuffered, JobStates.Working)
            .WithPayload(new JsonObject { ["chunkCount"] = chunkCount, ["chunkerVersion"] = chunking.Version }), ct);
    }

    /// <summary>
    /// Embeds only the chunks without a buffered vector, so a retry never pays twice: a page of them at a
    /// time (<see cref="ChunkStore.PendingPageSize"/>), each page's vectors stored before the next is read.
    /// </summary>
    private async Task<ClaimedJob> EmbedAsync(ClaimedJob job, CancellationToken ct)
    {
        var pendingCount = 0;
        var requestCount = 0;
        await foreach (var page in ChunkStore.PendingEmbeddingPagesAsync(db, job.DocumentId, embedder.Model, ct: ct))
        {
            foreach (var batch in EmbeddingBatcher.Split(page, c => c.TokenCount))
            {
                var vectors = await paid.EmbedAsync(job, batch.Select(c => c.Content).ToList(), batch.Sum(c => c.TokenCount), ct);
                await ChunkStore.BufferVectorsAsync(db, job.DocumentId, embedder.Model,
                    batch.Zip(vectors, (chunk, vector) => (chunk.ChunkId, vector)).ToList(), ct);
                requestCount++;
            }
            pendingCount += page.Count;
        }
        logger.LogInformation("Embedded {PendingCount} chunks in {BatchCount} requests with {EmbeddingModel}",
            pendingCount, requestCount, embedder.Model);
        await DelayForTestsAsync(job, ct);
        var embedded = await CommitAsync(job, queue.BeginStageCommit(job, Stages.EmbeddingsBuffered, JobStates.Working)
            .WithPayload(new JsonObject { ["embeddingModel"] = embedder.Model }), ct);
        if (pendingCount > 0) await recovery.HealthyAsync(ErrorDependencies.OpenAi, embedded, ct);
        return embedded;
    }

    /// <summary>
    /// Test-only (<c>PIPELINE_STAGE_DELAYS</c>): pauses mid-stage while the job is visibly
    /// <c>{stage}/working</c> and leased to this worker (the lease keeper renews it), so a test can kill
    /// the worker there: in parsing before the upload to the parser; in chunking and embedding after
    /// the work is buffered but before the stage commits, the moment where a crash tests that
    /// re-running the stage never duplicates what it buffered. Cancelled like the stage itself.
    /// </summary>
    private async Task DelayForTestsAsync(ClaimedJob job, CancellationToken ct)
    {
        if (delays.For(job.Stage) is not { } delay) return;
        logger.LogInformation("Stage delay of {DelayMs} ms in {Stage} (test setting)", (long)delay.TotalMilliseconds, job.Stage);
        await Task.Delay(delay, ct);
    }

    /// <summary>Moves chunks and vectors to document_chunks in the same transaction as embedded/done.</summary>
    private async Task<ClaimedJob?> FinishAsync(ClaimedJob job, CancellationToken ct)
    {
        var finalCount = 0;
        await CommitAsync(job, queue.BeginStageCommit(job, Stages.Embedded, JobStates.Done)
            .Storing(async (connection, transaction, token) =>
                finalCount = await rules.MoveToFinal(connection, transaction, job.DocumentId, embedder.Model, token)),
            ct);
        logger.LogInformation("Job {JobId} embedded: {ChunkCount} chunks stored", job.JobId, finalCount);
        await recovery.HealthyAsync(ErrorDependencies.Database, job, ct);
        return null;
    }
}
