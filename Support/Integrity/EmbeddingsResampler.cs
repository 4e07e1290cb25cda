using System.ClientModel;
using Acceptance.Support.Configuration;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Acceptance.Support.RealApi;
using OpenAI;
using OpenAI.Embeddings;

namespace Acceptance.Support.Integrity;

/// <summary>A few stored chunks, their texts embedded again, and what that cost.</summary>
public sealed record Resampled(IReadOnlyList<StoredChunk> Chunks, IReadOnlyList<float[]> Fresh, int? TokensCharged, decimal Usd);

/// <summary>
/// Embeds a sample of a document's chunks again with the service its workers used (the local mock, or
/// OpenAI itself in real-API mode), through the official OpenAI client, so the vectors stored for them can be
/// compared with what the service says their texts' vectors are. It spends money on the real service, so it asks
/// only when the run's OpenAI budget still has room for it (the chunks' own token counts, priced with the price table).
/// </summary>
public sealed class EmbeddingsResampler(IPipelineEnvironment environment, SpendLedgerDriver ledger, SuiteOptions options)
{
    /// <summary>What the suite itself has spent on this run (the workers' spend is on the pipeline's ledger).</summary>
    private static decimal _suiteSpentUsd;
    private static readonly Lock SpendLock = new();
    private static readonly Lazy<PriceTable> Prices = new(() => PriceTable.Load());

    /// <summary>The first, the middle and the last chunk: the ends of a document and of its batches are where misplacement shows.</summary>
    public static IReadOnlyList<StoredChunk> Sample(IReadOnlyList<StoredChunk> chunks) =>
        new[] { 0, chunks.Count / 2, chunks.Count - 1 }.Where(i => i >= 0 && i < chunks.Count).Distinct().Select(i => chunks[i]).ToList();

    /// <summary>Why the sample cannot be embedded again on this target or within this run's budget; null when it can.</summary>
    public async Task<string?> CannotResampleAsync(IReadOnlyList<StoredChunk> sample)
    {
        if (environment.Embeddings is null) return "the suite does not know this target's embeddings service and key";
        var cost = EstimatedUsd(sample);
        var spent = (await ledger.EntriesAsync(environment.BudgetRunId))
            .Where(e => e is { Provider: "openai", Status: "settled" }).Sum(e => e.ActualUsd ?? 0);
        var left = options.RealApi.OpenAiCapUsd - spent - SuiteSpentUsd;
        return cost > left ? $"embedding {sample.Count} chunks again would cost about ${cost:0.######}, beyond the ${left:0.######} left of the run's OpenAI budget" : null;
    }

    public async Task<Resampled> EmbedAgainAsync(IReadOnlyList<StoredChunk> sample, CancellationToken ct = default)
    {
        var service = environment.Embeddings ?? throw new InvalidOperationException("No embeddings service is known for this target.");
        if (sample.Count == 0) return new Resampled(sample, [], 0, 0m); // nothing to ask; the check says what is missing
        var client = new EmbeddingClient(service.Model, new ApiKeyCredential(service.ApiKey),
            new OpenAIClientOptions { Endpoint = ApiRoot(service.BaseUrl) });
        var answer = await client.GenerateEmbeddingsAsync(sample.Select(c => c.Content).ToList(),
            new EmbeddingGenerationOptions { Dimensions = service.Dimensions }, ct);
        var fresh = answer.Value.OrderBy(e => e.Index).Select(e => e.ToFloats().ToArray()).ToList();
        var tokens = answer.Value.Usage?.TotalTokenCount;
        var usd = tokens is { } charged ? Prices.Value.EmbeddingUsd(service.Model, charged) : EstimatedUsd(sample);
        lock (SpendLock) _suiteSpentUsd += usd;
        return new Resampled(sample, fresh, tokens, usd);
    }

    /// <summary>The official client wants the API's root, <c>…/v1</c>; a base URL may be given with or without it.</summary>
    private static Uri ApiRoot(Uri baseUrl)
    {
        var root = baseUrl.ToString().TrimEnd('/');
        return new Uri(root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? root : root + "/v1");
    }

    private static decimal SuiteSpentUsd
    {
        get { lock (SpendLock) return _suiteSpentUsd; }
    }

    private decimal EstimatedUsd(IReadOnlyList<StoredChunk> sample) =>
        Prices.Value.EmbeddingUsd(options.Pipeline.EmbeddingModel, sample.Sum(c => (long)c.TokenCount));
}
