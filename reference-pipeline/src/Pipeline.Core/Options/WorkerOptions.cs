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
    /// <summary>Failed attempts after which a job goes to dead letter.</summary>
    public int MaxAttempts { get; set; } = 5;
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
}
