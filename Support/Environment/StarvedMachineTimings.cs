using Acceptance.Support.Configuration;
using Acceptance.Support.Waiting;

namespace Acceptance.Support.Environment;

/// <summary>
/// The local target compresses time so recovery shows in seconds: 5 s leases, a 20 s retry window, a
/// 10 s shutdown deadline, a 1 s scrape with alert rules sixty times faster; and it gives the services two
/// minutes to start. A machine that gives each
/// thread a tenth of a core cannot keep those: a lease lapses because its renewal waited for CPU, an
/// outage outlasts the retry window because the database took long to come back, a scrape times out and a
/// compressed "for: 1m" fires on it. Those are wrong results, not slow ones, so the gate would judge them
/// as product failures. When the CPU canary finds the machine starved as the run starts (at least
/// <see cref="StretchFrom"/>), these constants are stretched by its slowdown, capped like the waits
/// (Acceptance:Timeouts:MaxStarvationStretch), before any service starts; environment.json says by how much.
/// A quiet machine keeps them exactly. (Waits stretch themselves, each by the slowdown measured while waiting,
/// and never less than these times were: see StretchedLimit and Acceptance:Timeouts:StarvationFloor.)
/// </summary>
public static class StarvedMachineTimings
{
    /// <summary>Below this slowdown the machine is merely busy, and the compressed times hold.</summary>
    public const double StretchFrom = 2.0;

    /// <summary>Stretches the options' compressed times for the slowdown measured at start; says by how much (1 when not at all).</summary>
    public static LocalTimesStretch Apply(SuiteOptions options, double? slowdownAtStart)
    {
        var stretch = StretchedLimit.Clamp(slowdownAtStart ?? 1.0, options.Timeouts.MaxStarvationStretch);
        if (stretch < StretchFrom)
            return new LocalTimesStretch(1.0);

        options.Timeouts.EnvironmentStartSeconds = Stretched(options.Timeouts.EnvironmentStartSeconds, stretch);
        options.Timeouts.StarvationFloor = stretch;
        var local = options.Local;
        local.LeaseSeconds = Stretched(local.LeaseSeconds, stretch);
        local.RetryWindowSeconds = Stretched(local.RetryWindowSeconds, stretch);
        local.ShutdownDeadlineSeconds = Stretched(local.ShutdownDeadlineSeconds, stretch);

        // Scrape less often and compress the rules less: the same alert then needs the same number of slow scrapes.
        var monitoring = options.Monitoring;
        monitoring.ScrapeIntervalMilliseconds = Math.Min(60_000, Stretched(monitoring.ScrapeIntervalMilliseconds, stretch));
        monitoring.TimeScale = Math.Max(1, (int)Math.Floor(monitoring.TimeScale / stretch));
        return new LocalTimesStretch(Math.Round(stretch, 2));
    }

    private static int Stretched(int value, double stretch) => (int)Math.Ceiling(value * stretch);
}

/// <summary>How much the local target's compressed times were stretched for a starved machine (1: not at all).</summary>
public sealed record LocalTimesStretch(double Factor);
