namespace Mocks.Common.Latency;

/// <summary>
/// A provider's response time as a distribution rather than a constant: log-normal around a median
/// (the shape measured service latencies usually take: most requests near the median, a long right
/// tail), plus a part that grows with the work (pages parsed, inputs embedded). Deterministic for a
/// given seed, so a load run can be repeated. <see cref="Spread"/> 0 gives a constant.
/// </summary>
public sealed class LatencyProfile
{
    private readonly Random _random;
    private readonly object _gate = new();

    /// <param name="medianMs">Median of the fixed part, in milliseconds.</param>
    /// <param name="spread">σ of the log-normal (0.25 is mild jitter, 0.6 a heavy tail).</param>
    /// <param name="perUnitMs">Added per unit of work (a page, an input), scaled by the same draw.</param>
    /// <param name="seed">Seed of the draws; null draws differently each run.</param>
    public LatencyProfile(double medianMs, double spread, double perUnitMs, int? seed)
    {
        if (medianMs < 0 || spread < 0 || perUnitMs < 0) throw new ArgumentOutOfRangeException(nameof(medianMs), "Latency settings must not be negative.");
        MedianMs = medianMs;
        Spread = spread;
        PerUnitMs = perUnitMs;
        _random = seed is { } s ? new Random(s) : new Random();
    }

    public double MedianMs { get; }
    public double Spread { get; }
    public double PerUnitMs { get; }

    public bool IsZero => MedianMs == 0 && PerUnitMs == 0;

    /// <summary>The next response time for a request carrying <paramref name="units"/> of work.</summary>
    public TimeSpan Next(int units = 0)
    {
        if (IsZero) return TimeSpan.Zero;
        double factor;
        lock (_gate) factor = Spread == 0 ? 1 : Math.Exp(Spread * StandardNormal(_random));
        return TimeSpan.FromMilliseconds((MedianMs + PerUnitMs * Math.Max(0, units)) * factor);
    }

    // Box–Muller: two uniform draws make one standard normal draw.
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
