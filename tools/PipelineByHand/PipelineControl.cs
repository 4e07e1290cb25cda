using System.Globalization;
using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using Acceptance.Support.Environment;

namespace PipelineByHand;

/// <summary>
/// The verbs scripts/pipeline.sh offers on one service of the running pipeline (stop, start, kill, pause, resume,
/// status, logs) and on its workers together (scale), carried out with the same controller the gate's local target
/// uses: real signals to the real processes, pg_ctl for the database. Each answer is an exit status and what to print.
/// </summary>
public sealed class PipelineControl(LocalPipelineEnvironment environment)
{
    /// <summary>Far beyond a worker's own shutdown deadline; a stop that takes longer is reported, not waited out.</summary>
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(60);
    private const int DidNotExitInTime = 124;

    /// <summary>Asked for afresh: scaling adds and removes workers.</summary>
    private IReadOnlyList<string> Services => [.. environment.LogFiles.Keys.Order(StringComparer.Ordinal), ServiceNames.Database];

    /// <summary>For scale, the request's service is the number of workers wanted.</summary>
    public async Task<ControlAnswer> RunAsync(string verb, string service, IReadOnlyDictionary<string, string> settings)
    {
        if (verb == "scale") return await ScaleAsync(service);
        if (!Services.Contains(service))
            return ControlAnswer.Refused($"There is no service '{service}'; the pipeline runs {string.Join(", ", Services)}.");
        var control = environment.Control;
        var database = service == ServiceNames.Database;
        switch (verb)
        {
            case "status":
                return IsRunning(service) ? ControlAnswer.Done($"{service} is running") : new ControlAnswer(1, $"{service} is not running");
            case "stop" when database:
                await control.StopDatabaseAsync(immediately: false);
                return ControlAnswer.Done("postgres stopped (fast shutdown)");
            case "stop":
                var stop = await control.StopGracefullyAsync(service, StopDeadline);
                // The stop's own status is the service's exit code, so a caller can tell a clean exit from a crash.
                return stop.ExitedInTime
                    ? new ControlAnswer(stop.ExitCode ?? 0, $"{service} exited with code {stop.ExitCode} after {stop.Took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s")
                    : new ControlAnswer(DidNotExitInTime, $"{service} did not exit within {StopDeadline.TotalSeconds:0} s of SIGTERM; it is still running");
            case "kill" when database:
                await control.StopDatabaseAsync(immediately: true);
                return ControlAnswer.Done("postgres stopped at once (immediate shutdown, as in a crash)");
            case "kill":
                await control.KillAsync(service);
                return ControlAnswer.Done($"{service} killed (SIGKILL)");
            case "start" when database:
                await control.StartDatabaseAsync();
                return ControlAnswer.Done("postgres is running");
            case "start" when settings.Count > 0 && !database:
                // Test-only settings (e.g. a stage delay) need a fresh process, running or not.
                await ((LocalServiceController)control).RestartWithAsync(service, settings);
                return ControlAnswer.Done($"{service} started with {string.Join(", ", settings.Keys)} and ready");
            case "start":
                if (settings.Count > 0) return ControlAnswer.Refused("The database server takes no settings here.");
                if (IsRunning(service)) return ControlAnswer.Done($"{service} was already running");
                await control.StartAsync(service);
                return ControlAnswer.Done($"{service} started and ready");
            case "pause" or "resume" when database:
                return ControlAnswer.Refused("The database server cannot be paused here; stop or kill it instead.");
            case "pause":
                await control.PauseAsync(service);
                return ControlAnswer.Done($"{service} paused (SIGSTOP)");
            case "resume":
                await control.ResumeAsync(service);
                return ControlAnswer.Done($"{service} resumed (SIGCONT)");
            case "logs":
                var file = database ? environment.Cluster.LogFile : environment.LogFiles[service];
                return ControlAnswer.Done(File.Exists(file) ? await ReadSharedAsync(file) : "");
            default:
                return ControlAnswer.Refused($"Unknown verb '{verb}'; use stop, start, kill, pause, resume, status, logs or scale.");
        }
    }

    /// <summary>
    /// Exactly <paramref name="wanted"/> workers, base-worker-1 to -N, each with one job slot; stopping and starting
    /// a usual worker afterwards gives it its usual settings back.
    /// </summary>
    private async Task<ControlAnswer> ScaleAsync(string wanted)
    {
        if (!int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            return ControlAnswer.Refused($"scale takes the number of workers wanted, a whole number of at least 1; got '{wanted}'.");
        await ((IWorkerScaling)environment.Control).RunWorkersAsync(count);
        var workers = Services.Where(s => s.StartsWith("base-worker", StringComparison.Ordinal) && IsRunning(s));
        return ControlAnswer.Done($"{count} worker(s) with one job slot each running and ready: {string.Join(", ", workers)}");
    }

    /// <summary>The service's process ids now (they change when a service starts again), for the state file.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds => environment.ProcessIds;

    private bool IsRunning(string service) =>
        service == ServiceNames.Database ? environment.Cluster.IsRunning : environment.Control.IsRunning(service);

    /// <summary>The service keeps writing its log while it is read.</summary>
    private static async Task<string> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}

/// <summary>What a control verb did: the exit status scripts/pipeline.sh returns and the text it prints.</summary>
public sealed record ControlAnswer(int ExitStatus, string Text)
{
    public static ControlAnswer Done(string text) => new(0, text);
    public static ControlAnswer Refused(string text) => new(2, text);
}
