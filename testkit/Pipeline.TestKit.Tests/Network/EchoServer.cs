using System.Net;
using System.Net.Sockets;

namespace Pipeline.TestKit.Tests.Network;

/// <summary>A raw TCP upstream on loopback that sends every byte back on the connection it came from.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    public EchoServer()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections) connections = [.. _connections];
        await Task.WhenAll(connections);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                lock (_connections) _connections.Add(EchoAsync(client));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private async Task EchoAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            await stream.CopyToAsync(stream, _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // the proxy reset us or the test is over
        }
    }
}
