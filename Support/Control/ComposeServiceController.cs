using System.Globalization;
using Pipeline.Contract;

namespace Acceptance.Support.Control;

/// <summary>
/// Controls the compose target with docker: parts by the suite's names or their compose services, single
/// workers by container (see <see cref="ComposeContainers.ResolveAsync"/>), the database and the workers as
/// the service map names them. Every verb that brings something back waits until docker reports it healthy again.
/// </summary>
public sealed class ComposeServiceController(DockerCompose compose, ComposeContainers containers, ComposeServiceMap map, string settingsFolder)
    : IServiceController
{
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(120);
    private bool _workersCustomised;

    /// <summary>Workers are compose services, scaled by docker rather than one by one, so their number stays as the files have it.</summary>
    public IReadOnlySet<string> Capabilities { get; } = new HashSet<string>
    {
        TargetCapabilities.KillService, TargetCapabilities.StopService, TargetCapabilities.PauseService, TargetCapabilities.RestartService,
        TargetCapabilities.RestartDatabase, TargetCapabilities.WorkerSettings,
    };

    public IReadOnlyList<string> Workers =>
        containers.WorkersAsync().GetAwaiter().GetResult().Select(c => c.Name).ToList();

    public bool IsRunning(string service) =>
        containers.IsRunningAsync(service).GetAwaiter().GetResult();

    public async Task KillAsync(string service)
    {
        foreach (var container in await containers.ResolveAsync(service))
            await compose.DockerAsync("kill", "--signal", "KILL", container.Id);
    }

    public async Task<GracefulStop> StopGracefullyAsync(string service, TimeSpan deadline)
    {
        var container = (await containers.ResolveAsync(service))[0];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // docker stop sends SIGTERM and, past --time, SIGKILL; the exit code tells which ended it.
        await compose.DockerAsync("stop", "--time", ((int)deadline.TotalSeconds).ToString(CultureInfo.InvariantCulture), container.Id);
        var took = clock.Elapsed;
        var exitCode = int.Parse((await compose.DockerAsync("inspect", "--format", "{{.State.ExitCode}}", container.Id)).Trim(), CultureInfo.InvariantCulture);
        return new GracefulStop(took < deadline && exitCode != 137, exitCode, took);
    }

    public async Task PauseAsync(string service)
    {
        foreach (var container in await containers.ResolveAsync(service))
            await compose.DockerAsync("pause", container.Id);
    }

    public async Task ResumeAsync(string service)
    {
        foreach (var container in await containers.ResolveAsync(service))
            await compose.DockerAsync("unpause", container.Id);
    }

    public async Task StartAsync(string service)
    {
        foreach (var container in await containers.ResolveAsync(service))
            await compose.DockerAsync("start", container.Id);
        await containers.UntilAllHealthyAsync(HealthyWithin);
    }

    public async Task RestartAsync(string service)
    {
        foreach (var container in await containers.ResolveAsync(service))
            await compose.DockerAsync("restart", container.Id);
        await containers.UntilAllHealthyAsync(HealthyWithin);
    }

    /// <summary>
    /// Recreates the workers with the settings added to their environment by an override file, so
    /// any setting reaches them (not only those their compose file interpolates).
    /// </summary>
    public async Task RestartWorkersWithAsync(IReadOnlyDictionary<string, string> settings)
    {
        var overrideFile = await ComposeOverride.WriteAsync(
            Path.Combine(settingsFolder, "workers.override.yml"), map.WorkerServices, settings);
        _workersCustomised = true;
        await compose.WithOverride(overrideFile).ComposeAsync(["up", "-d", "--no-deps", "--force-recreate", .. map.WorkerServices]);
        await containers.UntilAllHealthyAsync(HealthyWithin);
    }

    public Task StopDatabaseAsync(bool immediately) =>
        immediately ? compose.ComposeAsync("kill", "-s", "SIGKILL", map.Database.Service) : compose.ComposeAsync("stop", map.Database.Service);

    public async Task StartDatabaseAsync()
    {
        await compose.ComposeAsync("start", map.Database.Service);
        await containers.UntilAllHealthyAsync(HealthyWithin);
        // The suite's own pooled connections died with the old server; start afresh, as locally.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public async Task RestoreAsync()
    {
        foreach (var paused in (await containers.ListAsync()).Where(c => c.State == "paused"))
            await compose.DockerAsync("unpause", paused.Id);
        // Stopped or killed services are started again; workers given test-only settings get their usual ones back.
        await compose.ComposeAsync("up", "-d", "--no-recreate");
        if (_workersCustomised)
        {
            await compose.ComposeAsync(["up", "-d", "--no-deps", "--force-recreate", .. map.WorkerServices]);
            _workersCustomised = false;
        }
        await containers.UntilAllHealthyAsync(HealthyWithin);
    }
}
