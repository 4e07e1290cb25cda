using UglyToad.PdfPig;

namespace Acceptance.Support.RealApi;

/// <summary>What one document is expected to cost: its pages at the parse mode's credits, its chunks' cl100k tokens.</summary>
public sealed record DocumentEstimate(string Name, int Pages, long EmbeddingTokens, decimal ParseUsd, decimal EmbeddingUsd);

/// <summary>The pre-flight estimate of a whole run, priced with the dated price table.</summary>
public sealed record RunEstimate(IReadOnlyList<DocumentEstimate> Documents, string ParseMode, string Model, string PriceTableAsOf)
{
    public int Pages => Documents.Sum(d => d.Pages);
    public long EmbeddingTokens => Documents.Sum(d => d.EmbeddingTokens);
    public decimal ParseUsd => Documents.Sum(d => d.ParseUsd);
    public decimal EmbeddingUsd => Documents.Sum(d => d.EmbeddingUsd);

    /// <summary>Why the run must not start under these caps, or null when it fits both.</summary>
    public string? RefusalUnder(decimal llamaParseCapUsd, decimal openAiCapUsd) =>
        ParseUsd > llamaParseCapUsd
            ? $"the pre-flight estimate for LlamaParse is ${ParseUsd:0.####} ({Pages} pages, {ParseMode}), above the budget of ${llamaParseCapUsd:0.##}"
            : EmbeddingUsd > openAiCapUsd
                ? $"the pre-flight estimate for OpenAI is ${EmbeddingUsd:0.####} ({EmbeddingTokens} tokens, {Model}), above the budget of ${openAiCapUsd:0.##}"
                : null;
}

/// <summary>
/// Estimates a run before anything is spent: pages counted in the PDFs themselves, tokens counted with
/// cl100k over the chunks the contract's chunk limits make of the PDFs' text (the text a parser returns for a
/// born-digital PDF; scans cost pages but yield few tokens).
/// </summary>
public static class CostEstimator
{
    public static RunEstimate Estimate(IEnumerable<(string Name, byte[] Pdf)> documents, PriceTable prices, string parseMode,
        string model, int chunkMaxTokens, int chunkOverlapTokens) =>
        new(documents.Select(d => EstimateOne(d.Name, d.Pdf, prices, parseMode, model, chunkMaxTokens, chunkOverlapTokens)).ToList(),
            parseMode, model, prices.AsOf);

    private static DocumentEstimate EstimateOne(string name, byte[] pdf, PriceTable prices, string parseMode, string model,
        int chunkMaxTokens, int chunkOverlapTokens)
    {
        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n---\n", document.GetPages().Select(page => page.Text));
        var tokens = ChunkingEstimate.Of(text, chunkMaxTokens, chunkOverlapTokens).ChunkedTokens;
        return new DocumentEstimate(name, document.NumberOfPages, tokens,
            prices.ParseUsd(document.NumberOfPages, parseMode), prices.EmbeddingUsd(model, tokens));
    }
}
