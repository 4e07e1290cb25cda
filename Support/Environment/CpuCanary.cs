using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Acceptance.Support.Environment;

/// <summary>
/// How starved the machine is: a small fixed CPU workload on a thread of its own, timed by the wall
/// clock and by the kernel's scheduler statistics (/proc/thread-self/schedstat: nanoseconds on a CPU
/// and waiting for one). Its slowdown is wall time over CPU time: 1.0 on an idle machine, about N
/// when N runnable threads share each core. Measured when the environment starts, every half
/// minute while the run lasts, and whenever a wait reaches its limit and asks how starved the
/// machine is now (<see cref="NowAsync"/>); environment.json and the readiness report state the figures.
/// </summary>
public sealed class CpuCanary : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly List<double> _slowdowns = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly SemaphoreSlim _measuring = new(1, 1);
    private (double Slowdown, DateTimeOffset At)? _latest;

    public CpuCanary()
    {
        AtStart = Measure();
        if (AtStart is { } first) Record(first);
        _sampling = SampleAsync();
    }

    /// <summary>The slowdown when the environment started; null where the scheduler statistics cannot be read.</summary>
    public double? AtStart { get; }

    /// <summary>The most recent slowdown measured (1.0 when the scheduler statistics cannot be read).</summary>
    public double Latest
    {
        get
        {
            lock (_slowdowns) return _latest?.Slowdown ?? 1.0;
        }
    }

    /// <summary>
    /// How starved the machine is now: the latest figure if it is younger than <paramref name="maxAge"/>,
    /// else a fresh measurement. Waits that end together share one measurement instead of each adding
    /// a workload to a machine that is already short of CPU.
    /// </summary>
    public async Task<double> NowAsync(TimeSpan maxAge)
    {
        await _measuring.WaitAsync();
        try
        {
            lock (_slowdowns)
            {
                if (_latest is { } latest && DateTimeOffset.UtcNow - latest.At < maxAge) return latest.Slowdown;
            }
            var slowdown = await Task.Run(Measure);
            if (slowdown is { } s) Record(s);
            return Latest;
        }
        finally
        {
            _measuring.Release();
        }
    }

    /// <summary>The figures so far: at start, median and worst of every sample, and how many.</summary>
    public CpuCanaryReport Report()
    {
        lock (_slowdowns)
        {
            var sorted = _slowdowns.Order().ToList();
            return new CpuCanaryReport(Round(AtStart), sorted.Count == 0 ? null : Round(sorted[sorted.Count / 2]),
                sorted.Count == 0 ? null : Round(sorted[^1]), sorted.Count);
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (Measure() is { } slowdown) Record(slowdown);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private void Record(double slowdown)
    {
        lock (_slowdowns)
        {
            _slowdowns.Add(slowdown);
            _latest = (slowdown, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Runs the workload on a fresh thread, so the thread's scheduler statistics are the workload's alone.</summary>
    public static double? Measure()
    {
        double? slowdown = null;
        var thread = new Thread(() => slowdown = MeasureOnThisThread()) { IsBackground = true, Name = "cpu-canary" };
        thread.Start();
        thread.Join();
        return slowdown;
    }

    private static double? MeasureOnThisThread()
    {
        var before = OnCpuNanoseconds();
        var clock = Stopwatch.StartNew();
        Work();
        var wall = clock.Elapsed.TotalMilliseconds * 1e6;
        var after = OnCpuNanoseconds();
        return before is null || after is null || after <= before ? null : wall / (after.Value - before.Value);
    }

    /// <summary>About 50 ms of hashing on an idle core of this class: small enough to cost nothing, long enough to time.</summary>
    private static void Work()
    {
        Span<byte> block = stackalloc byte[4096];
        Span<byte> hash = stackalloc byte[32];
        for (var i = 0; i < 4000; i++)
        {
            SHA256.HashData(block, hash);
            hash.CopyTo(block);
        }
    }

    private static long? OnCpuNanoseconds()
    {
        try
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            return long.Parse(fields[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
        _measuring.Dispose();
    }
}

/// <summary>The CPU canary's slowdown figures (wall time over CPU time of a fixed workload): 1.0 means never starved.</summary>
public sealed record CpuCanaryReport(double? AtStart, double? Median, double? Worst, int Samples);
