namespace Pipeline.Core.Costs;

/// <summary>
/// Section <c>Budget</c>: hard caps per run on what the paid providers may cost. A call that would
/// take a provider's spend (settled plus reserved) past its cap is never made.
/// </summary>
public sealed class BudgetOptions
{
    public const string Section = "Budget";

    /// <summary>Which run the spend counts against; workers of one run share it (the Phase 4 plan: per run).</summary>
    public string RunId { get; set; } = "default";

    /// <summary>Cap on LlamaParse spend per run, in dollars (Phase 4 plan default: $5).</summary>
    public decimal LlamaParseUsd { get; set; } = 5m;

    /// <summary>Cap on OpenAI spend per run, in dollars (Phase 4 plan default: $10).</summary>
    public decimal OpenAiUsd { get; set; } = 10m;

    /// <summary>The LlamaParse tier the uploads are priced at (a key of the price table's creditsPerPage).</summary>
    public string ParseMode { get; set; } = "cost_effective";

    /// <summary>A newer price table than the built-in one; empty uses the contract's built-in <c>provider-prices.json</c>.</summary>
    public string? PriceTablePath { get; set; }
}
