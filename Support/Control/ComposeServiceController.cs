using Acceptance.Support.Environment;

namespace Acceptance.Support.Control;

/// <summary>
/// Controls the compose target with docker: services by their compose names, single workers by
/// container (a worker's id is its container's hostname, which is what the queue records as holder).
/// </summary>
public sealed class ComposeServiceController(DockerCompose docker) : IServiceController
{
    public string? CannotControlBecause => null;

    public IReadOnlyList<string> Workers =>
        docker.ComposeAsync("ps", "-q", "base-worker").GetAwaiter().GetResult()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => id[..12]).ToList();

    public bool IsRunning(string service) =>
        docker.ComposeAsync("ps", "--status", "running", "-q", service).GetAwaiter().GetResult().Trim().Length > 0;

    public Task KillAsync(string service) => Workers.Contains(service)
        ? docker.RunAsync(["kill", "--signal", "KILL", service])
        : docker.ComposeAsync("kill", "-s", "KILL", service);

    public async Task<GracefulStop> StopGracefullyAsync(string service, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seconds = ((int)deadline.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await (Workers.Contains(service)
            ? docker.RunAsync(["stop", "--time", seconds, service])
            : docker.ComposeAsync("stop", "--timeout", seconds, service));
        var exitCode = int.Parse((await docker.RunAsync(["inspect", "--format", "{{.State.ExitCode}}", service])).Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
        return new GracefulStop(clock.Elapsed < deadline, exitCode, clock.Elapsed);
    }

    public Task PauseAsync(string service) => Workers.Contains(service) ? docker.RunAsync(["pause", service]) : docker.ComposeAsync("pause", service);
    public Task ResumeAsync(string service) => Workers.Contains(service) ? docker.RunAsync(["unpause", service]) : docker.ComposeAsync("unpause", service);
    public Task StartAsync(string service) => docker.ComposeAsync("up", "-d", "--wait", service);
    public Task RestartAsync(string service) => docker.ComposeAsync("restart", service);

    public Task RestartWorkersWithAsync(IReadOnlyDictionary<string, string> settings) =>
        new DockerCompose(ComposeFile, settings).ComposeAsync("up", "-d", "--wait", "--force-recreate", "base-worker");

    public Task StopDatabaseAsync(bool immediately) =>
        immediately ? docker.ComposeAsync("kill", "-s", "KILL", "postgres") : docker.ComposeAsync("stop", "postgres");

    public Task StartDatabaseAsync() => docker.ComposeAsync("up", "-d", "--wait", "postgres");

    public async Task RestoreAsync()
    {
        foreach (var paused in (await docker.ComposeAsync("ps", "--status", "paused", "--services")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            await docker.ComposeAsync("unpause", paused.Trim());
        await docker.ComposeAsync("up", "-d", "--wait");
        // Workers back to their usual settings (a scenario may have given them test-only delays).
        await docker.ComposeAsync("up", "-d", "--wait", "--force-recreate", "--no-deps", "base-worker");
    }

    private string ComposeFile => ComposePipelineEnvironment.ComposeFile;
}
