using System.Globalization;
using Acceptance.Support.Configuration;
using Acceptance.Support.RealApi;

namespace PipelineByHand;

/// <summary>
/// What the pipeline by hand may spend per provider and run. The gate's caps (the Phase 4 plan's $5 for LlamaParse,
/// $10 for OpenAI) price the mocks' usage too, which proves the guard on a gate run; on a pipeline kept up by hand
/// that only talks to the mocks they would refuse work that costs nothing (a 1,400-page upload is "over budget").
/// So with the mocks there is no cap unless --budget-usd asks for one; with the real providers the caps stay.
/// </summary>
public sealed record SpendCaps(decimal LlamaParseUsd, decimal OpenAiUsd)
{
    /// <summary>A cap no run by hand reaches that still fits the spend ledger's numeric(14, 8) column.</summary>
    private const decimal None = 100_000m;

    /// <summary>Sets the caps into <paramref name="options"/>; null when the run is not capped.</summary>
    public static SpendCaps? Apply(SuiteOptions options, decimal? budgetUsd)
    {
        var realApi = options.RealApi;
        var paysProviders = realApi.Enabled && ProviderKeys.Load(realApi).Complete;
        if (budgetUsd is { } cap)
            realApi.BudgetUsd = cap;
        else if (!paysProviders)
        {
            (realApi.LlamaParseBudgetUsd, realApi.OpenAiBudgetUsd, realApi.BudgetUsd) = (None, None, null);
            return null;
        }
        return new SpendCaps(realApi.LlamaParseCapUsd, realApi.OpenAiCapUsd);
    }

    /// <summary>The amount of --budget-usd, or a usage error naming what it accepts.</summary>
    public static decimal ParseBudget(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? amount
            : throw new UsageException($"--budget-usd must be an amount in US dollars above 0 such as 0.50; got '{value}'.");
}
