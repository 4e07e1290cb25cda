namespace Acceptance.Gate.Readiness;

/// <summary>How strict the gate is. Defaults are the release gate's.</summary>
public sealed record ReadinessSettings
{
    /// <summary>A criterion whose scenarios were skipped (e.g. no API keys) blocks the release.</summary>
    public bool BlockOnNotVerified { get; init; } = true;

    /// <summary>A baseline worse than the previous run's by more than this is flagged as a regression.</summary>
    public double RegressionThresholdPercent { get; init; } = 20;

    /// <summary>Whether a flagged regression fails the gate (off: it is reported only).</summary>
    public bool BlockOnRegression { get; init; }

    /// <summary>
    /// The CPU canary's slowdown (worst of the run) from which the machine is too starved to judge speed:
    /// timeouts and missed time limits are then reported "not judged" (see <see cref="StarvationRule"/>).
    /// </summary>
    public double StarvedAtSlowdown { get; init; } = 10;

    /// <summary>
    /// A rehearsal (--real-apis --rehearse): the @real-api scenarios ran against the bundled mocks, so their criteria
    /// are at best "rehearsed, not verified" and the verdict is never ready.
    /// </summary>
    public bool Rehearsal { get; init; }

    /// <summary>What the run set out to run; null: every scenario counts (a merged or whole-gate report).</summary>
    public ScenarioSelection? Selection { get; init; }

    /// <summary>The day quarantine expiries are judged against.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The living documentation, relative to the reports folder the readiness files are written to.</summary>
    public string HtmlReportFileName { get; init; } = "living-documentation.html";
}
