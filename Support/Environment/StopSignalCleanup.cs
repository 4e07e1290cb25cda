using System.Runtime.InteropServices;

namespace Acceptance.Support.Environment;

/// <summary>
/// A run stopped from outside (SIGTERM: a CI job's time limit, `timeout`, or the gate passing on its own stop) never
/// reaches [AfterTestRun], so whatever it started would outlive it: the services, the private PostgreSQL cluster with its
/// data folder, Prometheus and Alertmanager, the storage folder. On SIGTERM this stops, newest first, everything
/// registered here, within <see cref="Bound"/>, and then lets the signal end the process as it would have.
/// (SIGINT is left to the test runner, which cancels the run and then stops the pipeline in [AfterTestRun].)
/// </summary>
public static class StopSignalCleanup
{
    /// <summary>How long stopping may take before the process ends anyway (the test kit's exit handler kills what is left).</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static readonly Lock Guard = new();
    private static readonly List<IAsyncDisposable> Owned = [];
    private static PosixSignalRegistration? _registration;
    private static Task? _stopping;

    /// <summary>Stops <paramref name="owned"/> if the run is ended by SIGTERM before it is disposed.</summary>
    public static void Register(IAsyncDisposable owned)
    {
        lock (Guard)
        {
            Owned.Add(owned);
            _registration ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => StopAll());
        }
    }

    /// <summary>Disposed the ordinary way: nothing left to stop for it.</summary>
    public static void Forget(IAsyncDisposable owned)
    {
        lock (Guard) Owned.Remove(owned);
    }

    private static void StopAll()
    {
        Task stopping;
        lock (Guard)
        {
            var newestFirst = Owned.AsEnumerable().Reverse().ToList();
            Owned.Clear();
            stopping = _stopping ??= Task.Run(() => DisposeAllAsync(newestFirst));
        }
        stopping.Wait(Bound);
    }

    private static async Task DisposeAllAsync(IReadOnlyList<IAsyncDisposable> newestFirst)
    {
        foreach (var owned in newestFirst)
        {
            try { await owned.DisposeAsync(); }
            catch (Exception e) { Console.Error.WriteLine($"Stopping {owned.GetType().Name} on SIGTERM failed: {e.Message}"); }
        }
    }
}
