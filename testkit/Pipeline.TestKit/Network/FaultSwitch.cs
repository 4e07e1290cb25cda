using System.Diagnostics;

namespace Pipeline.TestKit.Network;

/// <summary>
/// The run-time fault settings one proxy's connections consult before forwarding each chunk.
/// Thread-safe: tests flip it while pumps read it.
/// </summary>
internal sealed class FaultSwitch
{
    private readonly Lock _lock = new();
    private ProxyMode _mode = ProxyMode.Pass;
    private TimeSpan _latency = TimeSpan.Zero;

    // Completed while data may flow; a fresh, pending one while black-holed. Pumps await it instead of polling.
    private TaskCompletionSource _flowing = NewGate(open: true);

    public ProxyMode Mode
    {
        get { lock (_lock) return _mode; }
    }

    public TimeSpan Latency
    {
        get { lock (_lock) return _latency; }
    }

    public void SetMode(ProxyMode mode)
    {
        lock (_lock)
        {
            _mode = mode;
            var shouldFlow = mode != ProxyMode.BlackHole;
            if (shouldFlow) _flowing.TrySetResult();
            else if (_flowing.Task.IsCompleted) _flowing = NewGate(open: false);
        }
    }

    public void SetLatency(TimeSpan latency)
    {
        lock (_lock) _latency = latency;
    }

    /// <summary>Returns once data may flow: at once in Pass and RefuseNew, after the black hole ends otherwise.</summary>
    public Task WaitUntilFlowingAsync(CancellationToken ct)
    {
        Task gate;
        lock (_lock) gate = _flowing.Task;
        return gate.IsCompleted ? Task.CompletedTask : gate.WaitAsync(ct);
    }

    /// <summary>Applies the faults to one chunk about to be forwarded: first the latency, then the black hole.</summary>
    public async Task BeforeForwardingAsync(CancellationToken ct)
    {
        await DelayAtLeastAsync(Latency, ct);
        // Checked after the delay so a black hole that began meanwhile also holds this chunk.
        await WaitUntilFlowingAsync(ct);
    }

    /// <summary>
    /// Task.Delay may wake a few milliseconds early by the Stopwatch (timers run on a coarser clock);
    /// tests assert "at least the latency", so top up until the full delay has really passed.
    /// </summary>
    private static async Task DelayAtLeastAsync(TimeSpan latency, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        TimeSpan left;
        while ((left = latency - Stopwatch.GetElapsedTime(start)) > TimeSpan.Zero)
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), ct); // the injected fault itself
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        // Asynchronous continuations: opening the gate under the lock must not run pumps inline.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open) gate.SetResult();
        return gate;
    }
}
