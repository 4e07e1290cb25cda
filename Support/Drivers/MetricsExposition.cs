using System.Globalization;
using System.Text.RegularExpressions;

namespace Acceptance.Support.Drivers;

/// <summary>Reads one series' value from a Prometheus text exposition (<c>GET /metrics</c>).</summary>
public static partial class MetricsExposition
{
    /// <summary>
    /// The value of <paramref name="name"/> whose label <paramref name="label"/> is <paramref name="value"/>
    /// (other labels may be present), or 0 when no such series was exported: prometheus-net exports a
    /// labelled child only once it has been touched, and a counter that was never touched counted nothing.
    /// </summary>
    public static double Value(string exposition, string name, string label, string value)
    {
        foreach (var line in exposition.Split('\n'))
        {
            var match = Sample().Match(line.Trim());
            if (!match.Success || match.Groups["name"].Value != name) continue;
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.TryGetValue(label, out var seen) && seen == value)
                return double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\}\s+(?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
