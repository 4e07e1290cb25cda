using System.Diagnostics;
using Acceptance.Support.Environment;
using Pipeline.Contract;
using Pipeline.TestKit;

namespace Acceptance.Support.Control;

/// <summary>Controls the local target with process signals and pg_ctl.</summary>
public sealed class LocalServiceController(LocalServices services, PostgresCluster database, IReadOnlyList<string> workers)
    : IServiceController, IWorkerScaling
{
    private readonly HashSet<string> _paused = [];
    private readonly List<string> _addedWorkers = [];
    private bool _workersCustomised;

    public IReadOnlySet<string> Capabilities { get; } = new HashSet<string>
    {
        TargetCapabilities.KillService, TargetCapabilities.StopService, TargetCapabilities.PauseService, TargetCapabilities.RestartService,
        TargetCapabilities.RestartDatabase, TargetCapabilities.WorkerSettings, TargetCapabilities.WorkerScaling,
    };
    public IReadOnlyList<string> Workers => workers;

    public bool IsRunning(string service) => !services[service].HasExited;

    public Task KillAsync(string service)
    {
        services[service].Signal(ProcessSignal.Kill);
        return services[service].WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task<GracefulStop> StopGracefullyAsync(string service, TimeSpan deadline)
    {
        var process = services[service];
        var clock = Stopwatch.StartNew();
        process.Signal(ProcessSignal.Terminate);
        try
        {
            var exitCode = await process.WaitForExitAsync(deadline);
            return new GracefulStop(true, exitCode, clock.Elapsed);
        }
        catch (TimeoutException)
        {
            return new GracefulStop(false, null, clock.Elapsed);
        }
    }

    public Task PauseAsync(string service)
    {
        services[service].Signal(ProcessSignal.Stop);
        _paused.Add(service);
        return Task.CompletedTask;
    }

    public Task ResumeAsync(string service)
    {
        services[service].Signal(ProcessSignal.Continue);
        _paused.Remove(service);
        return Task.CompletedTask;
    }

    public Task StartAsync(string service) => services.StartAsync(service);

    public Task RestartAsync(string service) => services.StartAsync(service);

    public Task RestartWorkersWithAsync(IReadOnlyDictionary<string, string> settings) =>
        Task.WhenAll(workers.Select(worker => RestartWithAsync(worker, settings)));

    /// <summary>Starts one service again with extra test-only settings; <see cref="RestoreAsync"/> gives workers their usual ones back.</summary>
    public Task RestartWithAsync(string service, IReadOnlyDictionary<string, string> settings)
    {
        var testSettings = new Dictionary<string, string>(settings) { ["DOTNET_ENVIRONMENT"] = "Testing" };
        _workersCustomised = true;
        return services.StartAsync(service, testSettings);
    }

    public async Task RunWorkersAsync(int count)
    {
        var oneSlot = new Dictionary<string, string> { ["Worker__Concurrency"] = "1", ["DOTNET_ENVIRONMENT"] = "Testing" };
        _workersCustomised = true;
        var wanted = Enumerable.Range(1, count).Select(n => $"base-worker-{n}").ToList();
        foreach (var surplus in workers.Concat(_addedWorkers).Except(wanted).Where(IsRunningOrAdded).ToList())
        {
            if (_addedWorkers.Remove(surplus)) await services.RemoveAsync(surplus);
            else await StopGracefullyAsync(surplus, TimeSpan.FromSeconds(10));
        }
        foreach (var extra in wanted.Except(workers).Except(_addedWorkers))
        {
            services.DefineLike(extra, workers[0], new Dictionary<string, string> { ["Worker__Id"] = extra });
            _addedWorkers.Add(extra);
        }
        await Task.WhenAll(wanted.Select(worker => services.StartAsync(worker, oneSlot)));
    }

    private bool IsRunningOrAdded(string worker) => _addedWorkers.Contains(worker) || IsRunning(worker);

    public Task StopDatabaseAsync(bool immediately) =>
        database.StopAsync(immediately ? PostgresStopMode.Immediate : PostgresStopMode.Fast);

    public async Task StartDatabaseAsync()
    {
        if (!database.IsRunning)
            await database.StartAgainAsync();
    }

    public async Task RestoreAsync()
    {
        await StartDatabaseAsync();
        foreach (var added in _addedWorkers)
            await services.RemoveAsync(added);
        _addedWorkers.Clear();
        foreach (var service in _paused.ToList())
            await ResumeAsync(service);
        var toStart = services.Names.Where(s => !IsRunning(s) || (_workersCustomised && workers.Contains(s))).ToList();
        _workersCustomised = false;
        foreach (var service in toStart)
            await services.StartAsync(service);
        // Running is not enough: the next scenario needs every service ready again (e.g. reconnected).
        await services.WaitUntilAllReadyAsync();
    }
}
