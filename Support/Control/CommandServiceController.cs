using System.Diagnostics;
using Acceptance.Support.Configuration;
using Pipeline.Contract;
using Pipeline.TestKit;

namespace Acceptance.Support.Control;

/// <summary>
/// Controls a pipeline someone else runs through the shell commands its operator gives per service
/// (Acceptance:External:Control:Services; e.g. scripts/pipeline.sh, systemctl or kubectl). Each command runs with
/// /bin/sh -c; a verb whose command is missing refuses, and the target declares only the capabilities its commands
/// cover. Commands that bring something back are expected to return once it is ready. With a Scale command
/// (Acceptance:External:Control:Scale) it also changes how many workers run.
/// </summary>
public sealed class CommandServiceController(ControlOptions options) : IServiceController, IWorkerScaling
{
    private const string ApiServer = "api-server";
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.CommandTimeoutSeconds);
    private readonly HashSet<string> _stopped = [];
    private readonly HashSet<string> _paused = [];
    private readonly HashSet<string> _customised = [];
    private bool _scaled;

    public TimeSpan ReactionTime { get; } = TimeSpan.FromSeconds(options.ReactionSeconds);

    public IReadOnlyList<string> Workers { get; } =
        options.Services.Keys.Where(s => s.StartsWith("base-worker", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    public IReadOnlySet<string> Capabilities => DeclaredCapabilities().ToHashSet();

    private IEnumerable<string> DeclaredCapabilities()
    {
        if (Workers.Count == 0) yield break;
        if (Have(Workers, c => c.Kill, c => c.Start)) yield return TargetCapabilities.KillService;
        if (Have(Workers, c => c.Stop, c => c.Start)) yield return TargetCapabilities.StopService;
        if (Have(Workers, c => c.Pause, c => c.Resume)) yield return TargetCapabilities.PauseService;
        if (Have(Workers, c => c.Stop, c => c.StartWith)) yield return TargetCapabilities.WorkerSettings;
        // The restore scales back and then restarts each usual worker for its usual settings.
        if (options.Scale.Length > 0 && Have(Workers, c => c.Stop, c => c.Start)) yield return TargetCapabilities.WorkerScaling;
        if (Have([ApiServer], c => c.Stop, c => c.Start)) yield return TargetCapabilities.RestartService;
        // An outage is judged by every service riding it out, so each must say whether it still runs.
        if (Have([ServiceNames.Database], c => c.Stop, c => c.Kill, c => c.Start) && Have([ApiServer, .. Workers], c => c.Status))
            yield return TargetCapabilities.RestartDatabase;
    }

    private bool Have(IEnumerable<string> services, params Func<ServiceCommands, string>[] commands) =>
        services.All(s => options.Services.TryGetValue(s, out var given) && commands.All(command => command(given).Length > 0));

    public string? CannotKillBecause(string service) => Have([service], c => c.Kill, c => c.Start)
        ? null
        : $"no KILL and START commands for {service} (Acceptance:External:Control:Services:{ServiceNames.ToSetting(service)})";

    public bool IsRunning(string service) =>
        RunAsync(service, "status", c => c.Status, allowFailure: true).GetAwaiter().GetResult().Succeeded;

    public async Task KillAsync(string service)
    {
        await RunAsync(service, "kill", c => c.Kill);
        _stopped.Add(service);
    }

    /// <summary>The stop command returns once the service has exited, with the service's exit status as its own.</summary>
    public async Task<GracefulStop> StopGracefullyAsync(string service, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        _stopped.Add(service);
        try
        {
            var stop = await RunAsync(service, "stop", c => c.Stop, allowFailure: true, deadline);
            return new GracefulStop(true, stop.ExitCode, clock.Elapsed);
        }
        catch (ProcessTimeoutException)
        {
            return new GracefulStop(false, null, clock.Elapsed);
        }
    }

    public async Task PauseAsync(string service)
    {
        await RunAsync(service, "pause", c => c.Pause);
        _paused.Add(service);
    }

    public async Task ResumeAsync(string service)
    {
        await RunAsync(service, "resume", c => c.Resume);
        _paused.Remove(service);
    }

    public async Task StartAsync(string service)
    {
        await RunAsync(service, "start", c => c.Start);
        _stopped.Remove(service);
    }

    public async Task RestartAsync(string service)
    {
        await RunAsync(service, "stop", c => c.Stop, allowFailure: true); // its exit status is the service's, whatever it was
        await StartAsync(service);
    }

    /// <summary>Each worker stopped and started again by its StartWith command, with the settings appended as KEY=VALUE words.</summary>
    public async Task RestartWorkersWithAsync(IReadOnlyDictionary<string, string> settings)
    {
        var words = string.Join(' ', settings.Select(s => ShellWord($"{s.Key}={s.Value}")));
        foreach (var worker in Workers)
        {
            _customised.Add(worker);
            await RunAsync(worker, "stop", c => c.Stop, allowFailure: true);
            await RunAsync(worker, "start with settings", c => c.StartWith.Length == 0 ? "" : $"{c.StartWith} {words}");
        }
    }

    /// <summary>The Scale command with the count put in; the usual workers' one-slot settings last until <see cref="RestoreAsync"/>.</summary>
    public async Task RunWorkersAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _scaled = true; // even if the command fails halfway, the restore scales back
        _customised.UnionWith(Workers);
        await ScaleAsync(count);
    }

    private Task ScaleAsync(int count) =>
        RunCommandAsync($"scale the workers to {count}",
            options.Scale.Replace(ControlOptions.CountPlaceholder, count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            "Acceptance:External:Control:Scale");

    public async Task StopDatabaseAsync(bool immediately)
    {
        _stopped.Add(ServiceNames.Database);
        await (immediately ? RunAsync(ServiceNames.Database, "kill", c => c.Kill) : RunAsync(ServiceNames.Database, "stop", c => c.Stop));
    }

    public async Task StartDatabaseAsync()
    {
        await StartAsync(ServiceNames.Database);
        // The suite's own pooled connections died with the old server; start afresh.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public async Task RestoreAsync()
    {
        if (_stopped.Contains(ServiceNames.Database)) await StartDatabaseAsync();
        foreach (var service in _paused.ToList()) await ResumeAsync(service);
        foreach (var service in _stopped.ToList()) await StartAsync(service);
        if (_scaled)
        {
            await ScaleAsync(Workers.Count);
            _scaled = false;
        }
        foreach (var worker in _customised.ToList())
        {
            await RunAsync(worker, "stop", c => c.Stop, allowFailure: true);
            await StartAsync(worker);
            _customised.Remove(worker);
        }
    }

    private async Task<ProcessResult> RunAsync(
        string service, string verb, Func<ServiceCommands, string> command, bool allowFailure = false, TimeSpan? timeout = null)
    {
        var text = options.Services.TryGetValue(service, out var given) ? command(given) : "";
        return await RunCommandAsync($"{verb} {service}", text, $"Acceptance:External:Control:Services:{ServiceNames.ToSetting(service)}", allowFailure, timeout);
    }

    private async Task<ProcessResult> RunCommandAsync(string what, string text, string setting, bool allowFailure = false, TimeSpan? timeout = null)
    {
        if (text.Length == 0)
            throw new InvalidOperationException($"No command to {what}: set {setting} (docs/targets.md).");
        var result = await ProcessRun.RunAsync("/bin/sh", ["-c", text], timeout ?? _timeout);
        if (!allowFailure && !result.Succeeded)
            throw new InvalidOperationException($"The command to {what} exited with {result.ExitCode}: {result.AllOutput.Trim()}");
        return result;
    }

    private static string ShellWord(string word) => "'" + word.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
