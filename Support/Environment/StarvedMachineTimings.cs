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
/// A quiet machine keeps them exactly. Every wait is stretched by the same factor (see StretchedLimit), so a rule, a
/// lease and the wait for what they cause never disagree about how slow the machine is.
/// </summary>
public static class StarvedMachineTimings
{
    /// <summary>Below this slowdown the machine is merely busy, and the compressed times hold.</summary>
    public const double StretchFrom = 2.0;

    /// <summary>
    /// Stretches the options' compressed times for the slowdown measured at start, all by one factor; says by how much
    /// (1 when not at all). The alert rules' compression is a whole number (60: five minutes become five seconds), so
    /// the factor is the one it allows (a 7× slowdown compresses the rules 8 times instead of 60, a factor of 7.5), and
    /// the leases, windows, deadlines, scrapes and every wait (Acceptance:Timeouts:StarvationStretch) get that same factor.
    /// </summary>
    public static LocalTimesStretch Apply(SuiteOptions options, double? slowdownAtStart)
    {
        var measured = StretchedLimit.Clamp(slowdownAtStart ?? 1.0, options.Timeouts.MaxStarvationStretch);
        if (measured < StretchFrom)
            return new LocalTimesStretch(1.0);

        // Scrape less often and compress the rules less: the same alert then needs the same number of slow scrapes.
        var monitoring = options.Monitoring;
        var ruleTimeScale = Math.Max(1, (int)Math.Floor(monitoring.TimeScale / measured));
        // Rules already at their real times (a time scale of 1) cannot slow down further; the rest still follow the machine.
        var stretch = Math.Max(measured, (double)monitoring.TimeScale / ruleTimeScale);
        monitoring.TimeScale = ruleTimeScale;
        monitoring.ScrapeIntervalMilliseconds = Math.Min(60_000, Stretched(monitoring.ScrapeIntervalMilliseconds, stretch));

        options.Timeouts.EnvironmentStartSeconds = Stretched(options.Timeouts.EnvironmentStartSeconds, stretch);
        options.Timeouts.StarvationStretch = stretch;
        var local = options.Local;
        local.LeaseSeconds = Stretched(local.LeaseSeconds, stretch);
        local.RetryWindowSeconds = Stretched(local.RetryWindowSeconds, stretch);
        local.ShutdownDeadlineSeconds = Stretched(local.ShutdownDeadlineSeconds, stretch);
        return new LocalTimesStretch(Math.Round(stretch, 2));
    }

    private static int Stretched(int value, double stretch) => (int)Math.Ceiling(value * stretch);
}

/// <summary>How much the local target's compressed times were stretched for a starved machine (1: not at all).</summary>
public sealed record LocalTimesStretch(double Factor);
