using Acceptance.Support.Configuration;

namespace Acceptance.Support.Load;

/// <summary>
/// What a load offered and what the pipeline achieved, in documents a minute. An open-loop rate above the capacity
/// measured builds a backlog by construction: the load then measures the queue, not the pipeline, and says so.
/// </summary>
public sealed record LoadRates(double OfferedPerMinute, double AchievedPerMinute, string? Warning)
{
    /// <summary>Offered above achieved by more than this share counts as beyond the capacity (windows and rounding blur the rest).</summary>
    public const double Tolerance = 0.1;

    public static LoadRates Of(int arrivals, TimeSpan arrivalPeriod, double achievedPerMinute, LoadOptions settings)
    {
        var offered = Math.Round(arrivals / arrivalPeriod.TotalMinutes, 1);
        var beyond = !settings.IsPhase4 && offered > achievedPerMinute * (1 + Tolerance);
        return new LoadRates(offered, achievedPerMinute, beyond
            ? $"the open-loop rate offered ({offered:0.#} documents/min) is above the capacity measured ({achievedPerMinute:0.#} documents/min): " +
              "the backlog grows by construction; lower ACCEPTANCE__LOAD__ARRIVALSPERSECOND or use --load-profile phase4"
            : null);
    }
}
