namespace Pipeline.Core.Options;

/// <summary>Section <c>Worker</c>: how a base-worker claims and retries jobs.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Identifies this process in claimed_by and events; defaults to host name and pid.</summary>
    public string Id { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
    /// <summary>Jobs worked on at once by this process.</summary>
    public int Concurrency { get; set; } = 2;
    /// <summary>Lease length; renewed every third of it while a stage runs.</summary>
    public int LeaseSeconds { get; set; } = 15;
    /// <summary>
    /// Lost leases (its worker crashed or hung) after which a job is set aside as <c>lease-expired</c>, so a
    /// poison document cannot crash workers forever. Ordinary failures are limited by time, not by count.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>How long a job failing for a transient cause at one stage is retried before it is set aside (6 h).</summary>
    public int RetryWindowSeconds { get; set; } = 6 * 60 * 60;
    /// <summary>How often a worker sends one set-aside job per dependency back to work, to find out whether it is healthy again.</summary>
    public int RevivalIntervalSeconds { get; set; } = 300;
    /// <summary>Automatic revivals of one job before only an operator (or a re-upload) can send it back to work.</summary>
    public int MaxRevivals { get; set; } = 3;
    public int BackoffBaseMs { get; set; } = 1000;
    public int BackoffMaxMs { get; set; } = 60_000;
    /// <summary>
    /// Longest idle wait between claims when the queue is empty. Idle workers are woken by a
    /// notification when work arrives and sleep only until the next scheduled job, so this is
    /// the safety net for a lost notification or a disconnected listener.
    /// </summary>
    public int IdlePollMs { get; set; } = 2000;
    /// <summary>How long a job waiting for the parser sleeps before polling (the webhook wakes it sooner).</summary>
    public int ParsePollSeconds { get; set; } = 5;
    /// <summary>On SIGTERM, how long running stages may take before their jobs are released.</summary>
    public int ShutdownDeadlineSeconds { get; set; } = 10;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan RetryWindow => TimeSpan.FromSeconds(RetryWindowSeconds);
}
