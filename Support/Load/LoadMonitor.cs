using System.Diagnostics;
using Acceptance.Support.Drivers;
using Acceptance.Support.Resources;

namespace Acceptance.Support.Load;

/// <summary>
/// Samples, every interval while a load runs: the load's backlog per stage and documents embedded, the database's
/// connections, lock waits and deadlock counter, and every service's memory, threads, open files
/// and CPU. Sampling is observation at a fixed rate, not synchronisation.
/// </summary>
public sealed class LoadMonitor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<LoadSample> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private LoadMonitor(LoadDatabaseDriver database, ServiceProcessTable processes, string userPrefix, TimeSpan interval)
    {
        _loop = SampleAsync(database, processes, userPrefix, interval);
    }

    public static LoadMonitor Start(LoadDatabaseDriver database, ServiceProcessTable processes, string userPrefix, TimeSpan interval) =>
        new(database, processes, userPrefix, interval);

    public IReadOnlyList<LoadSample> Samples
    {
        get
        {
            lock (_samples) return _samples.ToList();
        }
    }

    public async Task<IReadOnlyList<LoadSample>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return Samples;
    }

    private async Task SampleAsync(LoadDatabaseDriver database, ServiceProcessTable processes, string userPrefix, TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var at = _clock.Elapsed;
            // Not the stop token: a sample under way is finished, so the last one is whole.
            var services = await processes.ReadAsync(CancellationToken.None);
            var backlog = await database.BacklogAsync(userPrefix);
            var embedded = await database.EmbeddedAsync(userPrefix);
            var db = await database.SampleAsync();
            lock (_samples) _samples.Add(new LoadSample(at, backlog, embedded, db, services));
        }
        while (await Tick(timer));
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // A sampling failure was reported by StopAsync already, or the scenario failed before it.
        }
        _stop.Dispose();
    }
}

/// <summary>What the monitor saw at one moment (offset from the start of the load); <c>Embedded</c>: the load's documents embedded by then.</summary>
public sealed record LoadSample(
    TimeSpan At, IReadOnlyDictionary<string, int> Backlog, int Embedded, DatabaseSample Database, IReadOnlyDictionary<string, ProcessReading> Services)
{
    public int BacklogTotal => Backlog.Values.Sum();
}
