using Acceptance.Support.Configuration;

namespace Acceptance.Support.RealApi;

/// <summary>
/// How long a mock provider is configured to take per call: log-normal around a median with spread σ
/// (Mocks.Common LatencyProfile), plus a part per page for the parser. Its quantiles are the model's,
/// computed, not measured: p = median · e^(σ·z_p).
/// </summary>
public sealed record MockLatencyProfile(string Provider, double MedianMs, double Spread, double PerPageMs)
{
    /// <summary>z of the standard normal at the quantiles the comparison reports.</summary>
    private static readonly Dictionary<int, double> Z = new() { [50] = 0, [95] = 1.6449, [99] = 2.3263 };

    public static IReadOnlyList<MockLatencyProfile> Configured(LocalOptions local) =>
    [
        new("llamaparse", local.ParserLatencyMs, local.ParserLatencySpread, local.ParserPerPageLatencyMs),
        new("openai", local.EmbeddingLatencyMs, local.EmbeddingLatencySpread, 0),
    ];

    public double QuantileMs(int percent) => MedianMs * Math.Exp(Spread * Z[percent]);

    /// <summary>The profile's distribution as (ms, cumulative fraction) points, for a chart beside measured latencies.</summary>
    public IReadOnlyList<(double Ms, double Fraction)> Curve() =>
        Enumerable.Range(-30, 61).Select(i => i / 10.0).Select(z => (MedianMs * Math.Exp(Spread * z), NormalCdf(z))).ToList();

    /// <summary>The profile that reproduces measured latencies: median from p50, σ from how far p95 lies above it.</summary>
    public static MockLatencyProfile FittedTo(string provider, IReadOnlyCollection<double> measuredMs, double perPageMs = 0)
    {
        var p50 = Load.Percentiles.Of(measuredMs, 50);
        var p95 = Load.Percentiles.Of(measuredMs, 95);
        var spread = p50 > 0 && p95 > p50 ? Math.Log(p95 / p50) / Z[95] : 0;
        return new MockLatencyProfile(provider, Math.Round(p50), Math.Round(spread, 3), perPageMs);
    }

    // Abramowitz and Stegun 7.1.26: erf to 1.5e-7, plenty for drawing a curve.
    private static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
