namespace Acceptance.Support.Configuration;

/// <summary>The test monitoring stack (Prometheus + Alertmanager) started for the alerting scenarios.</summary>
public sealed class MonitoringOptions
{
    /// <summary>Scrape, rule evaluation and Alertmanager grouping interval.</summary>
    public int ScrapeIntervalMilliseconds { get; set; } = 1000;

    /// <summary>The alert rules' <c>for:</c> durations and ranges are divided by this (5m becomes 5 s at 60).</summary>
    public int TimeScale { get; set; } = 60;

    public IEnumerable<string> Problems()
    {
        if (ScrapeIntervalMilliseconds is < 200 or > 60_000)
            yield return "Acceptance:Monitoring:ScrapeIntervalMilliseconds must be between 200 and 60000.";
        if (TimeScale is < 1 or > 600)
            yield return "Acceptance:Monitoring:TimeScale must be between 1 (real rule times) and 600.";
    }
}

/// <summary>The recovery objectives the backup scenarios measure against.</summary>
public sealed class BackupOptions
{
    /// <summary>Recovery time objective: from the loss to an accepting, complete pipeline.</summary>
    public int RecoveryTimeObjectiveSeconds { get; set; } = 120;

    /// <summary>Recovery point objective: how much committed work (by commit time) a restore may lose.</summary>
    public int RecoveryPointObjectiveSeconds { get; set; } = 15;

    /// <summary>archive_timeout during the drills: the longest committed work waits before it is archived.</summary>
    public int ArchiveTimeoutSeconds { get; set; } = 5;

    public IEnumerable<string> Problems()
    {
        if (RecoveryTimeObjectiveSeconds < 1)
            yield return "Acceptance:Backup:RecoveryTimeObjectiveSeconds must be a positive number of seconds.";
        if (RecoveryPointObjectiveSeconds < 0)
            yield return "Acceptance:Backup:RecoveryPointObjectiveSeconds must be zero or more seconds.";
        if (ArchiveTimeoutSeconds < 1)
            yield return "Acceptance:Backup:ArchiveTimeoutSeconds must be at least 1 second.";
    }
}
