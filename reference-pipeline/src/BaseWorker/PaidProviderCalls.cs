using Npgsql;
using Pipeline.Core.Costs;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;
using Pipeline.Contract;

namespace BaseWorker;

/// <summary>
/// The worker's calls that cost money, each inside the run's budget: reserved before it is made (a
/// call that would pass the cap is never made: permanent <c>budget-exceeded</c>), settled afterwards
/// from the provider's own figures (LlamaParse <c>job_metadata.credits_used</c>, OpenAI
/// <c>usage.total_tokens</c>) priced with the dated price table, released when nothing was charged.
/// </summary>
public sealed class PaidProviderCalls(
    LlamaParseClient parser,
    OpenAiEmbedder embedder,
    SpendLedger ledger,
    PriceTable prices,
    BudgetOptions budget,
    NpgsqlDataSource db)
{
    public async Task<ParserJob> UploadAsync(ClaimedJob job, StoredDocument document, string? webhookUrl, CancellationToken ct)
    {
        var pages = Math.Max(1, await PageCountAsync(job.DocumentId, ct) ?? 1);
        var reservation = await ledger.ReserveAsync(PaidProviders.LlamaParse, job.JobId, prices.ParseUsd(pages, budget.ParseMode),
            new { pages, mode = budget.ParseMode, priceTable = prices.AsOf }, ct);
        try
        {
            return await parser.UploadAsync(document.StoragePath, document.Filename, webhookUrl, ct);
        }
        catch
        {
            await ledger.ReleaseAsync(reservation, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The result, and the job's reservation settled with the credits LlamaParse reports.</summary>
    public async Task<ParsedMarkdown> GetMarkdownAsync(ClaimedJob job, string parserJobId, CancellationToken ct)
    {
        var result = await parser.GetMarkdownAsync(parserJobId, ct);
        var credits = result.CreditsUsed is { } used ? (decimal)used : prices.CreditsPerPage(budget.ParseMode) * (result.Pages ?? 1);
        await ledger.SettleOpenAsync(PaidProviders.LlamaParse, job.JobId, prices.CreditsUsd(credits),
            new { credits, pages = result.Pages, reportedByProvider = result.CreditsUsed is not null }, ct);
        return result;
    }

    /// <summary>The parser job failed: LlamaParse reports no credits for it, so its reservation is released.</summary>
    public Task ParseFailedAsync(ClaimedJob job, CancellationToken ct) => ledger.ReleaseOpenAsync(PaidProviders.LlamaParse, job.JobId, ct);

    public async Task<IReadOnlyList<float[]>> EmbedAsync(ClaimedJob job, IReadOnlyList<string> inputs, int estimatedTokens, CancellationToken ct)
    {
        var reservation = await ledger.ReserveAsync(PaidProviders.OpenAi, job.JobId, prices.EmbeddingUsd(embedder.Model, estimatedTokens),
            new { estimatedTokens, inputs = inputs.Count, model = embedder.Model, priceTable = prices.AsOf }, ct);
        EmbeddingBatchResult result;
        try
        {
            result = await embedder.EmbedWithUsageAsync(inputs, ct);
        }
        catch
        {
            await ledger.ReleaseAsync(reservation, CancellationToken.None);
            throw;
        }
        var tokens = result.TotalTokens ?? estimatedTokens;
        await ledger.SettleAsync(reservation, prices.EmbeddingUsd(embedder.Model, tokens),
            new { tokens, reportedByProvider = result.TotalTokens is not null }, ct);
        return result.Vectors;
    }

    private async Task<int?> PageCountAsync(Guid documentId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT page_count FROM upload_pipeline.documents WHERE document_id = @id");
        command.Parameters.AddWithValue("id", documentId);
        return await command.ExecuteScalarAsync(ct) is int pages ? pages : null;
    }
}
