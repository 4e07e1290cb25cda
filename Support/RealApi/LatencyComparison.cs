using Acceptance.Support.Configuration;
using Acceptance.Support.Load;

namespace Acceptance.Support.RealApi;

/// <summary>
/// The mocks' configured latency profile beside the latencies this run measured, per provider.
/// Measured on the real services (real-API mode with keys) it says whether the mocks' profile should
/// be updated and proposes the profile that fits; measured on the mocks it shows what the profile
/// produces, and the real side reads "not verified" with the reason. Never a made-up real figure.
/// </summary>
public sealed record LatencyComparison(
    string MeasuredOn,
    string RealServices,
    double MaxLatencyRatio,
    IReadOnlyList<ProviderLatency> Providers,
    bool? MockProfileShouldBeUpdated,
    string? ProposedProfileFile)
{
    public const string RealServicesMeasured = "measured";

    /// <summary>A proposed profile was named and is on disk (a profile that no longer fits comes with the one that does).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ProposedProfileWritten => ProposedProfileFile is not null && File.Exists(ProposedProfileFile);

    /// <summary>Why stage times, and what they include.</summary>
    public string Note => "Measured = each cleanly finished document's provider stage (parsing: the LlamaParse job, polling included; " +
                          "embedding: its OpenAI calls) in ms: the provider's time plus the pipeline's own work around it, so an upper bound " +
                          "of the per-call latency. Profile quantiles are the mock's configured log-normal (median, sigma), before per-page time.";

    /// <param name="notVerifiedBecause">Null when this run used the real services; otherwise why it did not (no key, mode off).</param>
    public static LatencyComparison Of(IReadOnlyDictionary<string, IReadOnlyList<double>> measuredMs, LocalOptions local, RealApiOptions realApi,
        string? notVerifiedBecause, string? proposedProfileFile)
    {
        var onReal = notVerifiedBecause is null;
        var providers = MockLatencyProfile.Configured(local).Select(profile =>
        {
            var samples = measuredMs.TryGetValue(profile.Provider, out var s) ? s : [];
            var summary = Percentiles.Summarise(samples);
            double? ratio = samples.Count == 0 || profile.QuantileMs(50) <= 0 ? null : Math.Round(summary.P50 / profile.QuantileMs(50), 2);
            bool? comparable = !onReal || samples.Count == 0 ? null : ratio is { } r && r <= realApi.MaxLatencyRatio && r >= 1 / realApi.MaxLatencyRatio;
            return new ProviderLatency(profile.Provider, StageLatencyDriver.ProviderStages[profile.Provider], profile,
                new ProfileQuantiles(Math.Round(profile.QuantileMs(50)), Math.Round(profile.QuantileMs(95)), Math.Round(profile.QuantileMs(99))),
                summary, ratio, comparable, samples);
        }).ToList();
        bool? update = onReal && providers.Any(p => p.Samples.Count > 0) ? providers.Any(p => p.ComparableToProfile == false) : null;
        return new LatencyComparison(onReal ? "real services" : "mocks", onReal ? RealServicesMeasured : notVerifiedBecause!,
            realApi.MaxLatencyRatio, providers, update, update == true ? proposedProfileFile : null);
    }

    /// <summary>The comparison side by side, one row per provider (markdown), for the report and the evidence.</summary>
    public string Table()
    {
        var rows = Providers.Select(p =>
            $"| {p.Provider} | {p.Stage} | {p.MockProfile.MedianMs} / {p.MockProfile.Spread} | {p.MockProfileMs.P50} / {p.MockProfileMs.P95} | " +
            (p.Samples.Count == 0 ? "0 | -" : $"{p.MeasuredMs.Count} | {p.MeasuredMs.P50} / {p.MeasuredMs.P95}") +
            $" | {(MeasuredOn == "mocks" ? RealServices : p.ComparableToProfile switch { true => "comparable", false => "update the profile", null => "no samples" })} |");
        return $"Stage latencies measured on {MeasuredOn} beside the mocks' profile (ms)\n\n" +
               "| provider | stage | profile median / sigma | profile p50 / p95 | measured n | measured p50 / p95 | real services |\n" +
               "|---|---|---|---|---|---|---|\n" + string.Join("\n", rows) + "\n";
    }

    /// <summary>
    /// The settings that make the mocks take the measured latencies: the shape of acceptance.settings.json,
    /// loaded from mock-latency-profile.json beside it when present.
    /// </summary>
    public object ProposedSettings()
    {
        MockLatencyProfile Fitted(string provider) =>
            MockLatencyProfile.FittedTo(provider, Providers.Single(p => p.Provider == provider).Samples);
        var parser = Fitted("llamaparse");
        var embedder = Fitted("openai");
        return new Dictionary<string, object>
        {
            ["Acceptance"] = new
            {
                Local = new
                {
                    ParserLatencyMs = (int)parser.MedianMs, ParserLatencySpread = parser.Spread,
                    EmbeddingLatencyMs = (int)embedder.MedianMs, EmbeddingLatencySpread = embedder.Spread,
                },
            },
            ["measured"] = new { on = MeasuredOn, at = DateTimeOffset.UtcNow, documents = Providers.Max(p => p.Samples.Count), note = Note },
        };
    }
}

/// <summary>One provider: its stage, the mock's profile and that profile's quantiles, what was measured, and the verdict.</summary>
public sealed record ProviderLatency(
    string Provider,
    string Stage,
    MockLatencyProfile MockProfile,
    ProfileQuantiles MockProfileMs,
    Summary MeasuredMs,
    double? MeasuredP50OverProfileP50,
    bool? ComparableToProfile,
    IReadOnlyList<double> Samples);

public sealed record ProfileQuantiles(double P50, double P95, double P99);
