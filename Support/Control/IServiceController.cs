namespace Acceptance.Support.Control;

/// <summary>
/// Breaks and mends the target's processes on purpose: kill, stop, pause, restart services and the
/// database. Drivers for other targets implement the same verbs (see ComposeServiceController).
/// </summary>
public interface IServiceController
{
    /// <summary>What these verbs can do on this target (Pipeline.Contract.TargetCapabilities); empty when nothing.</summary>
    IReadOnlySet<string> Capabilities { get; }

    /// <summary>
    /// How much longer than on a local process the suite may need between seeing a worker inside a stage (in its logs) and
    /// its kill, pause or stop taking effect; the suite's test-only stage delays are longer by this much, so the strike
    /// lands while the worker still holds the document.
    /// </summary>
    TimeSpan ReactionTime => TimeSpan.Zero;

    /// <summary>The worker services, by the name they also use as their worker id.</summary>
    IReadOnlyList<string> Workers { get; }

    bool IsRunning(string service);

    /// <summary>Why <see cref="KillAsync"/> and <see cref="StartAsync"/> cannot reach this service, or null (the capabilities speak for the workers only).</summary>
    string? CannotKillBecause(string service) => null;

    /// <summary>SIGKILL: the process dies at once, holding whatever it held.</summary>
    Task KillAsync(string service);

    /// <summary>SIGTERM, then waits up to <paramref name="deadline"/> for the process to exit by itself.</summary>
    Task<GracefulStop> StopGracefullyAsync(string service, TimeSpan deadline);

    Task PauseAsync(string service);
    Task ResumeAsync(string service);

    /// <summary>Starts a stopped or killed service again with its usual settings and waits until it is ready.</summary>
    Task StartAsync(string service);

    /// <summary>Stops and starts a running service, waiting until it is ready again.</summary>
    Task RestartAsync(string service);

    /// <summary>Restarts every worker with extra test-only settings (e.g. stage delays), waiting until all are ready.</summary>
    Task RestartWorkersWithAsync(IReadOnlyDictionary<string, string> settings);

    Task StopDatabaseAsync(bool immediately);
    Task StartDatabaseAsync();

    /// <summary>Everything running again with its usual settings; called after each disruptive scenario.</summary>
    Task RestoreAsync();
}

/// <summary>How a graceful stop went: whether the process exited within the deadline, and how long it took.</summary>
public sealed record GracefulStop(bool ExitedInTime, int? ExitCode, TimeSpan Took);
