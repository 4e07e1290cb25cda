using System.Globalization;
using System.Text.Json;

namespace Acceptance.Gate.Sharding;

/// <summary>Seconds each feature's scenarios took in an earlier run, read from its readiness.json, for balancing shards.</summary>
public static class PreviousDurations
{
    public static IReadOnlyDictionary<string, double> PerFeature(string readinessJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(readinessJson));
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!document.RootElement.TryGetProperty("scenarios", out var scenarios))
            return seconds;
        foreach (var scenario in scenarios.EnumerateArray())
        {
            var feature = scenario.GetProperty("feature").GetString() ?? "";
            var duration = TimeSpan.TryParse(scenario.GetProperty("duration").GetString(), CultureInfo.InvariantCulture, out var d) ? d : TimeSpan.Zero;
            seconds[feature] = seconds.GetValueOrDefault(feature) + duration.TotalSeconds;
        }
        return seconds;
    }
}
