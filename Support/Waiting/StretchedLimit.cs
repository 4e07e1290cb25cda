namespace Acceptance.Support.Waiting;

/// <summary>
/// The limit a functional wait really gets: the business limit the scenario states ("embedded within
/// 60 seconds"), times the run's time scale (Acceptance:Timeouts:TimeScale), times how starved the
/// machine was while waiting (the CPU canary's slowdown, clamped to 1..Acceptance:Timeouts:MaxStarvationStretch).
/// A machine that gives the pipeline a twentieth of a core gets twenty times as long, instead of a false failure.
/// </summary>
public sealed record StretchedLimit(TimeSpan Business, double TimeScale, double Slowdown)
{
    public TimeSpan Limit => Business * TimeScale * Slowdown;

    /// <summary>The slowdown a wait is stretched by: never below 1 (a quiet machine keeps the business limit), never above <paramref name="max"/>.</summary>
    public static double Clamp(double slowdown, double max) =>
        double.IsFinite(slowdown) ? Math.Clamp(slowdown, 1.0, Math.Max(1.0, max)) : 1.0;

    public override string ToString() =>
        $"{Limit.TotalSeconds:0.#} s (business limit {Business.TotalSeconds:0.#} s × time scale {TimeScale:0.##} × CPU slowdown {Slowdown:0.0}× measured while waiting, or the start's when that was worse)";
}
