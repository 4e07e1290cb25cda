using System.Globalization;
using System.Text.RegularExpressions;

namespace Acceptance.Support.Monitoring;

/// <summary>
/// The repository's alert rules with time compressed for a test: every <c>for:</c> duration and
/// every range in an expression is divided by the scale, never below a floor that keeps several
/// scrapes in each window. Thresholds, labels and expressions are untouched, so the rules the
/// scenarios exercise are the rules operators run.
/// </summary>
public static partial class TimeScaledRules
{
    public static readonly TimeSpan ForFloor = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RangeFloor = TimeSpan.FromSeconds(5);

    public static string Scale(string rules, int scale)
    {
        var scaledFor = ForDuration().Replace(rules, m => $"{m.Groups[1].Value}{Format(Scaled(m.Groups[2].Value, scale, ForFloor))}");
        return RangeSelector().Replace(scaledFor, m => $"[{Format(Scaled(m.Groups[1].Value, scale, RangeFloor))}]");
    }

    private static TimeSpan Scaled(string duration, int scale, TimeSpan floor)
    {
        var real = Parse(duration);
        if (real == TimeSpan.Zero) return real;
        var scaled = real / scale;
        return scaled < floor ? floor : scaled;
    }

    /// <summary>Prometheus durations: one or more number+unit pairs, e.g. <c>1h30m</c>.</summary>
    public static TimeSpan Parse(string duration)
    {
        var total = TimeSpan.Zero;
        foreach (Match part in DurationPart().Matches(duration))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                "d" => TimeSpan.FromDays(value),
                var unit => throw new FormatException($"Unsupported duration unit '{unit}' in '{duration}'."),
            };
        }
        return total;
    }

    /// <summary>
    /// A duration as Prometheus and Alertmanager read it: whole milliseconds, since their duration
    /// syntax has no fractions ("2.585s" is refused; a scrape interval stretched for a starved machine is one).
    /// </summary>
    public static string Format(TimeSpan duration) =>
        $"{Math.Max(0, (long)Math.Round(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)}ms";

    [GeneratedRegex(@"^(\s*for:\s*)(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ForDuration();

    [GeneratedRegex(@"\[((?:\d+(?:ms|s|m|h|d))+)\]")]
    private static partial Regex RangeSelector();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)")]
    private static partial Regex DurationPart();
}
