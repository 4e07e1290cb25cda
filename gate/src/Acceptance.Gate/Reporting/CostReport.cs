using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// Sets the suite's pre-flight estimate (cost-estimate.json) beside the pipeline's spend ledger
/// (spend-ledger.json): a summary in readiness.md and a cost analysis in phase4-handoff.md. Both
/// files hold figures only; the text is scrubbed of secrets like every report.
/// </summary>
public static class CostReport
{
    /// <param name="ledgerFolder">Where the spend ledger to report is: the real-API pass's folder when it had its own.</param>
    public static void Append(string runFolder, string ledgerFolder, SecretRedactor redactor)
    {
        var estimatePath = Path.Combine(runFolder, Readiness.RealApiEstimate.FileName);
        if (!File.Exists(estimatePath)) return;
        using var estimate = JsonDocument.Parse(File.ReadAllText(estimatePath));
        var ledgerPath = Path.Combine(ledgerFolder, "spend-ledger.json");
        using var ledger = File.Exists(ledgerPath) ? JsonDocument.Parse(File.ReadAllText(ledgerPath)) : null;
        var spend = Spend(ledger);

        AppendTo(Path.Combine(runFolder, ReportSet.ReadinessMarkdown), Summary(estimate.RootElement, spend), redactor);
        AppendTo(Path.Combine(runFolder, ReportSet.Handoff), Analysis(estimate.RootElement, spend), redactor);
    }

    private sealed record ProviderSpend(int Calls, int Refused, decimal Actual);

    private static Dictionary<string, ProviderSpend> Spend(JsonDocument? ledger)
    {
        var spend = new Dictionary<string, ProviderSpend>
        {
            ["llamaparse"] = new(0, 0, 0), ["openai"] = new(0, 0, 0),
        };
        if (ledger is null || !ledger.RootElement.TryGetProperty("entries", out var entries)) return spend;
        foreach (var entry in entries.EnumerateArray())
        {
            var provider = entry.GetProperty("provider").GetString()!;
            var status = entry.GetProperty("status").GetString();
            var old = spend.GetValueOrDefault(provider, new(0, 0, 0));
            var actual = entry.TryGetProperty("actualUsd", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDecimal() : 0;
            spend[provider] = status == "refused"
                ? old with { Refused = old.Refused + 1 }
                : old with { Calls = old.Calls + 1, Actual = old.Actual + (status == "settled" ? actual : 0) };
        }
        return spend;
    }

    private static string Summary(JsonElement estimate, IReadOnlyDictionary<string, ProviderSpend> spend)
    {
        var md = new StringBuilder();
        md.AppendLine();
        md.AppendLine("## Provider spend: estimate vs actual");
        md.AppendLine();
        md.AppendLine($"Prices as of {estimate.GetProperty("priceTableAsOf").GetString()} (the dated price table). Estimate: the real-API document set " +
                      $"({estimate.GetProperty("pages").GetInt32()} pages, {estimate.GetProperty("embeddingTokens").GetInt64()} tokens). Actual: this run's ledger, " +
                      "settled from the providers' own usage figures (with the mocks: the mocks' figures at real prices).");
        md.AppendLine();
        md.AppendLine("| provider | budget | pre-flight estimate | calls | refused by the budget | actual |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        var budget = estimate.GetProperty("budget");
        md.AppendLine(Row("LlamaParse", budget.GetProperty("llamaParseUsd").GetDecimal(), estimate.GetProperty("llamaParseUsd").GetDecimal(), spend["llamaparse"]));
        md.AppendLine(Row("OpenAI", budget.GetProperty("openAiUsd").GetDecimal(), estimate.GetProperty("openAiUsd").GetDecimal(), spend["openai"]));
        return md.ToString();
    }

    private static string Row(string name, decimal budget, decimal estimate, ProviderSpend spend) =>
        $"| {name} | {Usd(budget)} | {Usd(estimate)} | {spend.Calls} | {spend.Refused} | {Usd(spend.Actual)} |";

    private static string Analysis(JsonElement estimate, IReadOnlyDictionary<string, ProviderSpend> spend)
    {
        var md = new StringBuilder();
        md.AppendLine();
        md.AppendLine("## Cost analysis");
        md.AppendLine();
        md.AppendLine($"Parse mode {estimate.GetProperty("parseMode").GetString()}, embedding model {estimate.GetProperty("model").GetString()}, " +
                      $"prices as of {estimate.GetProperty("priceTableAsOf").GetString()}.");
        md.AppendLine();
        md.AppendLine("| document | pages | tokens | LlamaParse | OpenAI | total |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var document in estimate.GetProperty("documents").EnumerateArray())
        {
            var parse = document.GetProperty("parseUsd").GetDecimal();
            var embed = document.GetProperty("embeddingUsd").GetDecimal();
            md.AppendLine($"| {document.GetProperty("name").GetString()} | {document.GetProperty("pages").GetInt32()} | {document.GetProperty("embeddingTokens").GetInt32()} | {Usd(parse)} | {Usd(embed)} | {Usd(parse + embed)} |");
        }
        var per1000 = estimate.GetProperty("per1000Pages");
        md.AppendLine();
        md.AppendLine($"Per 1,000 pages (about {per1000.GetProperty("tokensPerPage").GetDecimal().ToString(CultureInfo.InvariantCulture)} tokens a page):");
        md.AppendLine();
        md.AppendLine("| LlamaParse mode | cost | | embedding model | cost |");
        md.AppendLine("|---|---:|---|---|---:|");
        var modes = per1000.GetProperty("parseUsdByMode").EnumerateObject().ToList();
        var models = per1000.GetProperty("embeddingUsdByModel").EnumerateObject().ToList();
        for (var i = 0; i < Math.Max(modes.Count, models.Count); i++)
        {
            var mode = i < modes.Count ? $"{modes[i].Name} | {Usd(modes[i].Value.GetDecimal())}" : " | ";
            var model = i < models.Count ? $"{models[i].Name} | {Usd(models[i].Value.GetDecimal())}" : " | ";
            md.AppendLine($"| {mode} | | {model} |");
        }
        md.AppendLine();
        md.AppendLine($"This run spent {Usd(spend["llamaparse"].Actual)} on LlamaParse and {Usd(spend["openai"].Actual)} on OpenAI " +
                      $"({spend["llamaparse"].Refused + spend["openai"].Refused} call(s) refused by the budget).");
        md.AppendLine();
        md.AppendLine("What would lower it: parsing dominates (embedding a page costs a fraction of a cent), so parse born-digital PDFs " +
                      "in the fast mode and keep the dearer modes for scans and complex layouts; deduplication already avoids paying " +
                      "twice for the same bytes; LlamaParse caches a file for 48 hours, so re-runs within that window are cheaper; " +
                      $"OpenAI's Batch API costs {per1000.GetProperty("batchApiMultiplier").GetDecimal().ToString(CultureInfo.InvariantCulture)}× for work that can wait a day; " +
                      "text-embedding-3-small costs about a sixth of 3-large.");
        return md.ToString();
    }

    private static string Usd(decimal value) => Readiness.PathToReady.Usd(value);

    private static void AppendTo(string path, string text, SecretRedactor redactor)
    {
        if (File.Exists(path)) File.AppendAllText(path, redactor.Scrub(text));
    }
}
