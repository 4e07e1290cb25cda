using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Acceptance.Gate.Running;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>
/// A gate ended by SIGTERM (as a CI job's time limit or `timeout` ends it) stops everything its run started: the suite,
/// the pipeline's services, the private PostgreSQL cluster, and removes their temporary folders.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // signals and /proc
public sealed class GateStopTests : IDisposable
{
    private static readonly string GateAssembly = typeof(GateRun).Assembly.Location;
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan StopLimit = SuiteStop.Bound + TimeSpan.FromSeconds(30);

    /// <summary>Every process of the run inherits this variable: how the test tells them from any other run's.</summary>
    private readonly string _marker = "GATE_STOP_TEST=" + Guid.NewGuid().ToString("N");
    private readonly string _root = Directory.CreateTempSubdirectory("gate-stop-").FullName;

    private string TempFolder => Path.Combine(_root, "tmp");
    private string ReportFolder => Path.Combine(_root, "report");
    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_gate_ended_by_SIGTERM_leaves_no_process_of_its_run_and_no_temporary_folder()
    {
        // PostgreSQL runs as the postgres user: it must reach its folder as it would under /tmp.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(TempFolder, (UnixFileMode)0b1_111_111_111);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { GateAssembly, "--tags", "criterion:4.5-monitoring-alerting", "--reports", ReportFolder })
            start.ArgumentList.Add(argument);
        start.Environment["TMPDIR"] = TempFolder; // the cluster, the storage and the monitoring folders go here
        start.Environment[_marker.Split('=')[0]] = _marker.Split('=')[1];
        using var gate = Process.Start(start)!;
        var output = gate.StandardOutput.ReadToEndAsync(Cancelled);
        var errors = gate.StandardError.ReadToEndAsync(Cancelled);

        var postmaster = await WithinAsync(StartLimit, "the run's pipeline ready with its PostgreSQL cluster up",
            () => gate.HasExited ? throw new InvalidOperationException($"the gate ended first: {output.Result}{errors.Result}") : RunningPostmaster());
        RunProcesses().Should().Contain(postmaster, "the marker reaches the cluster too, or the checks below prove nothing")
            .And.HaveCountGreaterThan(3, "the suite and the pipeline's services run");

        using (var kill = Process.Start("kill", ["-TERM", gate.Id.ToString()]))
            await kill.WaitForExitAsync(Cancelled);

        await WithinAsync(StopLimit, "the gate ending", () => Task.FromResult(gate.HasExited ? (int?)gate.ExitCode : null));
        var left = await WithinAsync(TimeSpan.FromSeconds(10), "no process of the run left",
            () => Task.FromResult(RunProcesses().Count == 0 ? (bool?)true : null), orElse: () => string.Join(", ", RunProcesses().Select(Describe)));
        left.Should().BeTrue();
        gate.ExitCode.Should().Be(143, "a gate stopped by SIGTERM has no verdict; 128 + 15 as a shell reports it. {0}", await errors);
        ProcessExists(postmaster).Should().BeFalse("the cluster must not outlive the gate");
        // (The .NET runtime's diagnostic sockets of killed services may stay: they are not the run's folders.)
        Directory.EnumerateDirectories(TempFolder).Should().BeEmpty("the cluster's data folder and every other temporary folder of the run are removed");
    }

    /// <summary>The postmaster of the run's cluster once the environment is ready (environment.json), or null before.</summary>
    private Task<int?> RunningPostmaster()
    {
        var status = Path.Combine(ReportFolder, "environment.json");
        if (!File.Exists(status) || !File.ReadAllText(status).Contains("\"ready\"")) return Task.FromResult<int?>(null);
        var pidFile = Directory.EnumerateFiles(TempFolder, "postmaster.pid", SearchOption.AllDirectories).FirstOrDefault();
        return Task.FromResult(pidFile is not null && int.TryParse(File.ReadLines(pidFile).First(), out var pid) && ProcessExists(pid) ? (int?)pid : null);
    }

    /// <summary>Every live process started by the gate's run: those that carry its marker, and the cluster (its data folder is under the run's temp folder).</summary>
    private List<int> RunProcesses() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && ProcessExists(pid) && (Reads(pid, "environ", _marker) || Reads(pid, "cmdline", TempFolder)))
            .ToList();

    private static bool Reads(int pid, string file, string text)
    {
        try { return File.ReadAllText($"/proc/{pid}/{file}").Contains(text, StringComparison.Ordinal); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static string Describe(int pid)
    {
        try { return $"{pid} {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')[..Math.Min(120, File.ReadAllText($"/proc/{pid}/cmdline").Length)]}"; }
        catch (IOException) { return pid.ToString(); }
    }

    private static bool ProcessExists(int pid)
    {
        try { return Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "); }
        catch (IOException) { return false; }
    }

    /// <summary>Polls <paramref name="probe"/> until it gives a value, failing with <paramref name="what"/> after <paramref name="limit"/>.</summary>
    private static async Task<T> WithinAsync<T>(TimeSpan limit, string what, Func<Task<T?>> probe, Func<string>? orElse = null) where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value) return value;
            if (clock.Elapsed > limit) throw new TimeoutException($"{what} did not happen within {limit.TotalSeconds:0} s. {orElse?.Invoke()}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), Cancelled);
        }
    }

    public void Dispose()
    {
        foreach (var pid in RunProcesses())
        {
            try { Process.GetProcessById(pid).Kill(entireProcessTree: true); }
            catch (Exception) { /* already gone */ }
        }
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* what the test could not remove, the OS's temp cleaning will */ }
    }
}
