using System.Text.Json;
using Acceptance.Support.Configuration;
using Pipeline.TestKit;

namespace Acceptance.Support.RealApi;

/// <summary>
/// Before anything is spent: what the real-API document set will cost (pages counted in its PDFs,
/// cl100k tokens of the chunks the contract's limits make, priced with the dated price table). Written to the run
/// folder as cost-estimate.json; in real-API mode a run estimated above its budget does not start.
/// </summary>
public static class CostPreflight
{
    public const string FileName = "cost-estimate.json";

    /// <summary>The small, fixed document set the @real-api scenarios upload.</summary>
    public static readonly IReadOnlyList<string> DocumentSet = [TestDocuments.InsurancePolicy, TestDocuments.PolicySchedule, TestDocuments.ClaimsHandbook];

    public static RunEstimate Estimate(SuiteOptions options) => CostEstimator.Estimate(
        DocumentSet.Select(name => (name, TestDocuments.Get(name).Bytes)),
        PriceTable.Load(), options.RealApi.ParseMode, options.Pipeline.EmbeddingModel, options.Pipeline.ChunkMaxTokens, options.Pipeline.ChunkOverlapTokens);

    /// <summary>Why the run must not start, or null. Only real-API mode spends money, so only it is refused.</summary>
    public static string? Refusal(SuiteOptions options, RunEstimate estimate) =>
        options.RealApi.Enabled
            ? estimate.RefusalUnder(options.RealApi.LlamaParseCapUsd, options.RealApi.OpenAiCapUsd)
            : null;

    public static Task WriteAsync(string runFolder, SuiteOptions options, RunEstimate estimate)
    {
        var prices = PriceTable.Load();
        var tokensPerPage = estimate.Pages == 0 ? 0 : (decimal)estimate.EmbeddingTokens / estimate.Pages;
        return File.WriteAllTextAsync(Path.Combine(runFolder, FileName), JsonSerializer.Serialize(new
        {
            priceTableAsOf = estimate.PriceTableAsOf,
            parseMode = estimate.ParseMode,
            model = estimate.Model,
            pages = estimate.Pages,
            embeddingTokens = estimate.EmbeddingTokens,
            llamaParseUsd = estimate.ParseUsd,
            openAiUsd = estimate.EmbeddingUsd,
            budget = new { llamaParseUsd = options.RealApi.LlamaParseCapUsd, openAiUsd = options.RealApi.OpenAiCapUsd },
            documents = estimate.Documents,
            // Cost per 1,000 pages of documents like these, by parse mode and by embedding model.
            per1000Pages = new
            {
                tokensPerPage = Math.Round(tokensPerPage, 1),
                parseUsdByMode = prices.LlamaParse.CreditsPerPage.Keys.ToDictionary(mode => mode, mode => prices.ParseUsd(1000, mode)),
                embeddingUsdByModel = prices.OpenAi.UsdPerMillionTokens.Keys.ToDictionary(model => model,
                    model => Math.Round(prices.EmbeddingUsd(model, (long)(tokensPerPage * 1000)), 6)),
                batchApiMultiplier = prices.OpenAi.BatchApiMultiplier,
            },
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    }
}
