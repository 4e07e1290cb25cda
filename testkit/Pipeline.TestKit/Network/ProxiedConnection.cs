using System.Net.Sockets;

namespace Pipeline.TestKit.Network;

/// <summary>
/// One client connection and its upstream twin, joined by two pumps (one per direction) that pass every
/// chunk through the proxy's <see cref="FaultSwitch"/>. When either side closes or fails, both sockets close.
/// </summary>
internal sealed class ProxiedConnection
{
    // Bounded: one chunk in flight per direction; beyond it TCP flow control pushes back on the sender.
    private const int ChunkSize = 16 * 1024;

    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly FaultSwitch _faults;
    private readonly CancellationTokenSource _stop = new();
    private int _closed;

    public ProxiedConnection(Socket client, FaultSwitch faults)
    {
        _client = client;
        _faults = faults;
        // Created now, connected later, so a reset can always close both sockets whatever stage we are at.
        _upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
    }

    /// <summary>Completes when both sockets are closed and both pumps have ended; never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Connects upstream and forwards until either side closes; <paramref name="ended"/> runs last,
    /// before <see cref="Completion"/> completes.
    /// </summary>
    public void Start(string upstreamHost, int upstreamPort, Action ended) =>
        Completion = RunAsync(upstreamHost, upstreamPort, ended);

    private async Task RunAsync(string upstreamHost, int upstreamPort, Action ended)
    {
        try
        {
            await ForwardAsync(upstreamHost, upstreamPort);
        }
        finally
        {
            ended();
        }
    }

    private async Task ForwardAsync(string upstreamHost, int upstreamPort)
    {
        var ct = _stop.Token;
        try
        {
            // Chunks leave when they arrive, so the latency a test measures is the injected one.
            _client.NoDelay = true;
            _upstream.NoDelay = true;
            // A partition: the upstream does not even see the connection until the black hole ends.
            await _faults.WaitUntilFlowingAsync(ct);
            await _upstream.ConnectAsync(upstreamHost, upstreamPort, ct);
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            Close(reset: true); // an unreachable upstream looks like a reset to the client, as with a real proxy
            return;
        }

        try
        {
            await using var client = new NetworkStream(_client, ownsSocket: false);
            await using var upstream = new NetworkStream(_upstream, ownsSocket: false);
            var upstreamBound = PumpAsync(client, upstream, ct);
            var clientBound = PumpAsync(upstream, client, ct);
            await Task.WhenAny(upstreamBound, clientBound);
            Close(reset: false);
            await Task.WhenAll(upstreamBound, clientBound);
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            Close(reset: true); // reset between connecting and pumping
        }
    }

    /// <summary>
    /// Closes both sockets once (later calls do nothing). <paramref name="reset"/> sends RST (linger 0)
    /// so both peers fail at once; otherwise data already handed to the kernel is delivered before the FIN.
    /// </summary>
    public void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return;
        foreach (var socket in new[] { _client, _upstream })
        {
            try
            {
                if (reset) socket.LingerState = new LingerOption(enable: true, seconds: 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // never connected or already gone: disposing below is all that is left
            }
            socket.Dispose();
        }
        _stop.Cancel(); // releases pumps waiting on latency or a black hole
    }

    private async Task PumpAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[ChunkSize];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, ct);
                if (read == 0) return;
                await _faults.BeforeForwardingAsync(ct);
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            // the peer closed or reset, or we were closed: the caller closes the other side
        }
    }

    private static bool IsConnectionEnd(Exception e) =>
        e is IOException or SocketException or OperationCanceledException or ObjectDisposedException;
}
