using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Contract;

/// <summary>
/// What the paid providers charge, from the one dated configuration file <c>provider-prices.json</c> (in the contract package)
/// (its sources are listed in it). Built in; <c>Budget__PriceTablePath</c> points at a newer copy.
/// </summary>
public sealed record PriceTable(
    [property: JsonPropertyName("asOf")] string AsOf,
    [property: JsonPropertyName("openAi")] OpenAiPrices OpenAi,
    [property: JsonPropertyName("llamaParse")] LlamaParsePrices LlamaParse)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static PriceTable Load(string? path = null)
    {
        using var stream = string.IsNullOrWhiteSpace(path)
            ? typeof(PriceTable).Assembly.GetManifestResourceStream("Pipeline.Contract.provider-prices.json")!
            : File.OpenRead(path);
        return JsonSerializer.Deserialize<PriceTable>(stream, Json)
               ?? throw new InvalidOperationException($"The price table {path ?? "(built in)"} is empty.");
    }

    /// <summary>Whether both the embedding model and the parse mode have a price.</summary>
    public bool Prices(string model, string parseMode) =>
        OpenAi.UsdPerMillionTokens.ContainsKey(model) && LlamaParse.CreditsPerPage.ContainsKey(parseMode);

    /// <summary>Dollars for <paramref name="tokens"/> embedding tokens of <paramref name="model"/>.</summary>
    public decimal EmbeddingUsd(string model, long tokens) =>
        OpenAi.UsdPerMillionTokens.TryGetValue(model, out var perMillion)
            ? perMillion * tokens / 1_000_000m
            : throw new InvalidOperationException($"The price table ({AsOf}) has no price for the embedding model '{model}'.");

    /// <summary>Dollars for <paramref name="credits"/> LlamaParse credits.</summary>
    public decimal CreditsUsd(decimal credits) => LlamaParse.UsdPerThousandCredits * credits / 1000m;

    /// <summary>Dollars to parse <paramref name="pages"/> pages in <paramref name="mode"/>.</summary>
    public decimal ParseUsd(int pages, string mode) => CreditsUsd(CreditsPerPage(mode) * pages);

    public decimal CreditsPerPage(string mode) =>
        LlamaParse.CreditsPerPage.TryGetValue(mode, out var credits)
            ? credits
            : throw new InvalidOperationException($"The price table ({AsOf}) has no parse mode '{mode}'; known: {string.Join(", ", LlamaParse.CreditsPerPage.Keys)}.");
}

public sealed record OpenAiPrices(
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources,
    [property: JsonPropertyName("usdPerMillionTokens")] IReadOnlyDictionary<string, decimal> UsdPerMillionTokens,
    [property: JsonPropertyName("batchApiMultiplier")] decimal BatchApiMultiplier);

public sealed record LlamaParsePrices(
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources,
    [property: JsonPropertyName("usdPerThousandCredits")] decimal UsdPerThousandCredits,
    [property: JsonPropertyName("creditsPerPage")] IReadOnlyDictionary<string, decimal> CreditsPerPage,
    [property: JsonPropertyName("defaultMode")] string DefaultMode);
