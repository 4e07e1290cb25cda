namespace Acceptance.Support.Load;

/// <summary>Nearest-rank percentiles and a least-squares slope: the statistics the load verdicts use.</summary>
public static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="percent"/> % of the values at or below it (0 when empty).</summary>
    public static double Of(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static Summary Summarise(IReadOnlyCollection<double> values) =>
        new(values.Count, Round(Of(values, 50)), Round(Of(values, 95)), Round(Of(values, 99)), Round(values.Count == 0 ? 0 : values.Max()));

    /// <summary>Least-squares slope of y over x (0 with fewer than two points).</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2) return 0;
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0 ? 0 : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }

    public static double Round(double value) => Math.Round(value, 3);
}

/// <summary>Count, p50, p95, p99 and maximum of a set of durations (seconds) or sizes.</summary>
public sealed record Summary(int Count, double P50, double P95, double P99, double Max);
