using System.Globalization;
using System.Text.RegularExpressions;
using Acceptance.Support.Configuration;

namespace Acceptance.Support.Waiting;

/// <summary>
/// The limit a functional wait really gets: the business limit the scenario states ("embedded within
/// 60 seconds"), times the run's time scale (Acceptance:Timeouts:TimeScale), times the run's starvation stretch: the
/// one factor the CPU canary's slowdown at start stretched every time of the run by (StarvedMachineTimings), so a wait
/// is stretched exactly as much as the leases and alert rules it waits for. A pass that needed more than the business
/// limit is evidence of that (<see cref="StatedLimits"/>), and the gate does not count it as met.
/// </summary>
public sealed partial record StretchedLimit(TimeSpan Business, double TimeScale, double Slowdown)
{
    public TimeSpan Limit => Business * TimeScale * Slowdown;

    /// <summary>The limit of a wait for <paramref name="business"/> in this run.</summary>
    public static StretchedLimit For(TimeSpan business, TimeoutOptions timeouts) =>
        new(business, timeouts.TimeScale, Clamp(timeouts.StarvationStretch, timeouts.MaxStarvationStretch));

    /// <summary>The slowdown a wait is stretched by: never below 1 (a quiet machine keeps the business limit), never above <paramref name="max"/>.</summary>
    public static double Clamp(double slowdown, double max) =>
        double.IsFinite(slowdown) ? Math.Clamp(slowdown, 1.0, Math.Max(1.0, max)) : 1.0;

    /// <summary>Whether a step's wording states this wait's business limit ("within 45 seconds", "within 2 minutes").</summary>
    public bool IsStatedIn(string stepText) =>
        Durations().Matches(stepText).Any(m =>
        {
            var amount = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return (m.Groups[2].Value.StartsWith("minute", StringComparison.Ordinal) ? TimeSpan.FromMinutes(amount) : TimeSpan.FromSeconds(amount)) == Business;
        });

    public override string ToString() =>
        $"{Limit.TotalSeconds:0.#} s (business limit {Business.TotalSeconds:0.#} s × time scale {TimeScale:0.##} × the run's starvation stretch {Slowdown:0.0#}×)";

    [GeneratedRegex(@"\b(\d+) (seconds?|minutes?)\b")]
    private static partial Regex Durations();
}
