namespace Acceptance.Support.Control;

/// <summary>For targets whose processes the suite cannot touch: every verb refuses with the reason.</summary>
public sealed class NoServiceControl(string reason) : IServiceController
{
    public IReadOnlySet<string> Capabilities { get; } = new HashSet<string>();
    public IReadOnlyList<string> Workers => [];
    public bool IsRunning(string service) => throw Refused();
    public Task KillAsync(string service) => throw Refused();
    public Task<GracefulStop> StopGracefullyAsync(string service, TimeSpan deadline) => throw Refused();
    public Task PauseAsync(string service) => throw Refused();
    public Task ResumeAsync(string service) => throw Refused();
    public Task StartAsync(string service) => throw Refused();
    public Task RestartAsync(string service) => throw Refused();
    public Task RestartWorkersWithAsync(IReadOnlyDictionary<string, string> settings) => throw Refused();
    public Task StopDatabaseAsync(bool immediately) => throw Refused();
    public Task StartDatabaseAsync() => throw Refused();
    public Task RestoreAsync() => Task.CompletedTask;

    private InvalidOperationException Refused() => new($"Service control is not available: {reason}");
}
