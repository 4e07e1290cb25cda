using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Acceptance.Gate.Running;

/// <summary>
/// A gate stopped from outside (SIGTERM from a CI job's time limit or `timeout`, SIGINT from Ctrl+C) while the suite
/// runs must not leave the suite behind, nor what it started: the suite is asked to stop with SIGTERM (it then stops
/// the pipeline's services, its PostgreSQL cluster and the monitoring stack and removes their folders), given
/// <see cref="Bound"/> to do so, and killed with its process tree after that. The gate then ends with
/// <see cref="GateStoppedException"/>: no verdict.
/// </summary>
public sealed class SuiteStop : IDisposable
{
    /// <summary>The suite's own cleanup gets 60 s (Support/Environment/StopSignalCleanup); this leaves it room to exit.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly Process _suite;
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    private SuiteStop(Process suite)
    {
        _suite = suite;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal)];
    }

    /// <summary>Until disposed, SIGTERM and SIGINT stop <paramref name="suite"/> before the gate ends.</summary>
    public static SuiteStop WhileRunning(Process suite) => new(suite);

    /// <summary>The signal that stopped the gate (15 SIGTERM, 2 SIGINT), or 0.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Throws when a signal stopped the suite, once it has ended.</summary>
    public void ThrowIfStopped()
    {
        if (Received != 0) throw new GateStoppedException(Received);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // The gate ends when the suite has, not before: see ThrowIfStopped.
        var number = context.Signal == PosixSignal.SIGINT ? 2 : 15;
        if (Interlocked.CompareExchange(ref _received, number, 0) != 0) return;
        Console.Error.WriteLine($"Stopping the suite and everything it started (signal {number}); at most {Bound.TotalSeconds:0} s.");
        _ = Task.Run(StopSuite);
    }

    private void StopSuite()
    {
        try
        {
            if (_suite.HasExited) return;
            using (var kill = Process.Start("kill", ["-TERM", _suite.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            if (!_suite.WaitForExit(Bound))
                _suite.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // The suite ended meanwhile: nothing left to stop.
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}

/// <summary>The gate was stopped by a signal; its exit code is the shell's for that signal (128 + its number).</summary>
public sealed class GateStoppedException(int signal)
    : Exception($"stopped by signal {signal} before a verdict: the suite and what it started were stopped")
{
    public int ExitCode => 128 + signal;
}
