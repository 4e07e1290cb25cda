namespace Pipeline.Contract;

/// <summary>
/// What a target can let the suite do to the pipeline beyond its API and database, each named once: a scenario tagged
/// <c>@needs:&lt;capability&gt;</c> runs only where its target declares that capability, and reads
/// "not verified on this target: &lt;capability&gt;" elsewhere (docs/targets.md).
/// </summary>
public static class TargetCapabilities
{
    /// <summary>SIGKILL a worker and start it again.</summary>
    public const string KillService = "kill-service";
    /// <summary>Ask a worker to stop (SIGTERM), see how it exited, and start it again.</summary>
    public const string StopService = "stop-service";
    /// <summary>Freeze a worker (SIGSTOP) and let it go on (SIGCONT).</summary>
    public const string PauseService = "pause-service";
    /// <summary>Restart the api-server.</summary>
    public const string RestartService = "restart-service";
    /// <summary>Take the database server down (a crash or a clean shutdown), see every service ride it out, bring it back.</summary>
    public const string RestartDatabase = "restart-database";
    /// <summary>Restart the workers with test-only settings (stage delays, concurrency, spend caps).</summary>
    public const string WorkerSettings = "worker-settings";
    /// <summary>Change the number of worker processes.</summary>
    public const string WorkerScaling = "worker-scaling";
    /// <summary>Make the pipeline's providers fail, throttle or slow down on purpose (the bundled mocks' admin API).</summary>
    public const string ProviderFaults = "provider-faults";
    /// <summary>Lose the database server and its stored files and restore them from backups.</summary>
    public const string BackupRestore = "backup-restore";
    /// <summary>Watch the pipeline with the suite's own Prometheus and the repository's alert rules.</summary>
    public const string OperatorMonitoring = "operator-monitoring";

    public const string TagPrefix = "@needs:";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        KillService, StopService, PauseService, RestartService, RestartDatabase, WorkerSettings, WorkerScaling,
        ProviderFaults, BackupRestore, OperatorMonitoring,
    };

    /// <summary>The one way a scenario that needs what its target lacks is reported.</summary>
    public static string NotVerified(string capability) => $"not verified on this target: {capability}";
}
