namespace Acceptance.Gate.Readiness;

/// <summary>Puts this run's baselines beside the previous run's and flags what got worse.</summary>
public static class BaselineComparer
{
    public static IReadOnlyList<BaselineComparison> Compare(
        IReadOnlyList<BaselineMetric> current, IReadOnlyList<BaselineMetric>? previous, double thresholdPercent)
    {
        var before = (previous ?? [])
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return current.Select(metric =>
        {
            var threshold = metric.RegressionPercent ?? thresholdPercent;
            if (!before.TryGetValue(metric.Name, out var old))
                return new BaselineComparison(metric.Name, metric.Value, metric.Unit, metric.Better, metric.Scenario, null, null, false,
                    threshold, metric.Blocking);
            double? delta = old == 0 ? null : (metric.Value - old) / Math.Abs(old) * 100;
            var worsening = metric.Better == BaselineMetric.HigherIsBetter ? -delta : delta;
            return new BaselineComparison(metric.Name, metric.Value, metric.Unit, metric.Better, metric.Scenario,
                old, delta, worsening > threshold, threshold, metric.Blocking);
        }).ToList();
    }
}
