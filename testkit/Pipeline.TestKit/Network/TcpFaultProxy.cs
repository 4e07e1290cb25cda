using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Pipeline.TestKit.Network;

namespace Pipeline.TestKit;

/// <summary>
/// A TCP proxy for failure-injection tests, standing between a service and one of its dependencies
/// (PostgreSQL, an HTTP mock): it listens on a loopback port, forwards every connection to the upstream
/// host and port, and injects faults switched at run time: latency, resets, refused connections and a
/// black hole (network partition). Faults apply to data already in flight, not only to new connections.
/// All members are thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var proxy = TcpFaultProxy.Start("postgres", "127.0.0.1", cluster.Port);
/// // point the service at 127.0.0.1:proxy.Port, then:
/// proxy.SetMode(ProxyMode.BlackHole);
/// ...
/// proxy.Heal();
/// </code>
/// </example>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly FaultSwitch _faults = new();
    private readonly ConcurrentDictionary<ProxiedConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;
    private long _connectionsAccepted;
    private int _disposed;

    private TcpFaultProxy(string name, Socket listener, string upstreamHost, int upstreamPort)
    {
        Name = name;
        _listener = listener;
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>A label for failure messages and reports, e.g. the dependency's name ("postgres").</summary>
    public string Name { get; }

    /// <summary>The loopback port clients connect to instead of the upstream's (host 127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The current mode; <see cref="ProxyMode.Pass"/> after start and after <see cref="Heal"/>.</summary>
    public ProxyMode Mode => _faults.Mode;

    /// <summary>The delay currently added to each chunk of data in each direction.</summary>
    public TimeSpan Latency => _faults.Latency;

    /// <summary>Client connections open through the proxy now, including ones held by a black hole.</summary>
    public int ActiveConnections => _connections.Count;

    /// <summary>Every TCP connection accepted since start, including those reset at once in <see cref="ProxyMode.RefuseNew"/>.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>
    /// Starts listening on 127.0.0.1 and forwarding to <paramref name="upstreamHost"/>:<paramref name="upstreamPort"/>
    /// in <see cref="ProxyMode.Pass"/>. The upstream need not be up yet: it is connected per client connection,
    /// and a client whose upstream cannot be reached is reset.
    /// </summary>
    /// <param name="name">A label for messages, e.g. "postgres" or "llamaparse".</param>
    /// <param name="upstreamHost">Host name or address of the real dependency.</param>
    /// <param name="upstreamPort">Its port.</param>
    /// <param name="listenPort">The loopback port to listen on; null takes a free one (see <see cref="Port"/>).</param>
    public static TcpFaultProxy Start(string name, string upstreamHost, int upstreamPort, int? listenPort = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(upstreamHost);
        ArgumentOutOfRangeException.ThrowIfLessThan(upstreamPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(upstreamPort, IPEndPoint.MaxPort);

        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, listenPort ?? 0));
            listener.Listen(backlog: 512);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new InvalidOperationException($"Fault proxy '{name}' cannot listen on 127.0.0.1:{listenPort ?? 0}: {e.Message}", e);
        }

        var proxy = new TcpFaultProxy(name, listener, upstreamHost, upstreamPort);
        proxy._acceptLoop = proxy.AcceptLoopAsync();
        return proxy;
    }

    /// <summary>
    /// Delays every chunk of data by <paramref name="perChunk"/> in both directions, on open and new
    /// connections alike; <see cref="TimeSpan.Zero"/> removes the delay. A small request and its reply
    /// therefore takes at least twice this long more than before (one chunk each way).
    /// </summary>
    public void SetLatency(TimeSpan perChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perChunk, TimeSpan.Zero);
        _faults.SetLatency(perChunk);
    }

    /// <summary>Switches the mode for open and new connections alike; see <see cref="ProxyMode"/>.</summary>
    public void SetMode(ProxyMode mode)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a proxy mode.");
        _faults.SetMode(mode);
    }

    /// <summary>
    /// Resets every open connection now, on both sides (RST via linger 0): the client's pending or next
    /// read or write fails with "connection reset", and the upstream sees its client vanish.
    /// New connections are not affected.
    /// </summary>
    public void ResetAll()
    {
        foreach (var connection in _connections.Keys) connection.Close(reset: true);
    }

    /// <summary>Back to <see cref="ProxyMode.Pass"/> with no latency; data held by a black hole flows on.</summary>
    public void Heal()
    {
        _faults.SetLatency(TimeSpan.Zero);
        _faults.SetMode(ProxyMode.Pass);
    }

    /// <summary>Stops listening and resets every open connection. Safe to call twice; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            await _stopping.CancelAsync();
            _listener.Dispose();
            await _acceptLoop; // after this no new connection can be registered
            ResetAll();
            await Task.WhenAll(_connections.Keys.Select(connection => connection.Completion));
        }
        catch
        {
            /* best effort: a test's clean-up must not hide its result */
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} proxy 127.0.0.1:{Port} -> {_upstreamHost}:{_upstreamPort} ({Mode}, latency {Latency.TotalMilliseconds:0} ms)";

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested) return;
                continue; // one failed accept (e.g. the client gave up in the backlog) is not the end
            }

            Interlocked.Increment(ref _connectionsAccepted);
            if (_faults.Mode == ProxyMode.RefuseNew)
                Refuse(client);
            else
                Track(new ProxiedConnection(client, _faults));
        }
    }

    private void Track(ProxiedConnection connection)
    {
        _connections.TryAdd(connection, 0); // before it runs, so ResetAll and DisposeAsync always see it
        connection.Start(_upstreamHost, _upstreamPort, ended: () => _connections.TryRemove(connection, out var _));
    }

    private static void Refuse(Socket client)
    {
        try
        {
            client.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        catch (SocketException)
        {
            // already reset by the client
        }
        client.Dispose();
    }
}
