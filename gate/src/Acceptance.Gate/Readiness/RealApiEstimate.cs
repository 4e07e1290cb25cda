using System.Text.Json;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// The suite's pre-flight estimate of a real-API run (cost-estimate.json, written before anything is spent): what
/// the @real-api document set costs at the dated price table, and the budget a run must fit to start.
/// </summary>
public sealed record RealApiEstimate(
    string PriceTableAsOf, int Pages, long EmbeddingTokens,
    decimal LlamaParseUsd, decimal OpenAiUsd, decimal LlamaParseBudgetUsd, decimal OpenAiBudgetUsd)
{
    public const string FileName = "cost-estimate.json";

    public decimal TotalUsd => LlamaParseUsd + OpenAiUsd;

    /// <summary>The estimate in a run folder, or null when the suite wrote none (it did not start).</summary>
    public static RealApiEstimate? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var budget = root.GetProperty("budget");
        return new RealApiEstimate(
            root.GetProperty("priceTableAsOf").GetString() ?? "unknown",
            root.GetProperty("pages").GetInt32(),
            root.GetProperty("embeddingTokens").GetInt64(),
            root.GetProperty("llamaParseUsd").GetDecimal(),
            root.GetProperty("openAiUsd").GetDecimal(),
            budget.GetProperty("llamaParseUsd").GetDecimal(),
            budget.GetProperty("openAiUsd").GetDecimal());
    }
}
