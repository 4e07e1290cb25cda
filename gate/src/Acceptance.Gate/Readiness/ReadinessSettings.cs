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

    /// <summary>The day quarantine expiries are judged against.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The living documentation, relative to the reports folder the readiness files are written to.</summary>
    public string HtmlReportFileName { get; init; } = "living-documentation.html";
}
