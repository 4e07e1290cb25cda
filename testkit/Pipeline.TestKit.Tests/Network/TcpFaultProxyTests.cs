using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Pipeline.TestKit.Internal;

namespace Pipeline.TestKit.Tests.Network;

public sealed class TcpFaultProxyTests : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);

    // How long a black-holed connection must stay silent for the test to call it stalled.
    private static readonly TimeSpan SilenceWindow = TimeSpan.FromMilliseconds(400);

    private readonly EchoServer _echo = new();
    private readonly List<Socket> _clients = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_http_request_and_its_reply_pass_through_unchanged()
    {
        await using var upstream = new HttpUpstream();
        await using var proxy = TcpFaultProxy.Start("mock-api", "127.0.0.1", upstream.Port);
        using var http = HttpClientFor(proxy, TimeSpan.FromSeconds(5));
        var policy = new string('x', 100_000); // several chunks in each direction

        var response = await http.PostAsync("/policies/42", new StringContent(policy), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be($"POST /policies/42 {policy}");
        proxy.ConnectionsAccepted.Should().Be(1);
        proxy.Port.Should().NotBe(upstream.Port);
        proxy.Name.Should().Be("mock-api");
    }

    [Fact]
    public async Task Latency_is_added_in_both_directions_even_on_an_open_connection()
    {
        var latency = TimeSpan.FromMilliseconds(150);
        await using var proxy = TcpFaultProxy.Start("echo", "127.0.0.1", _echo.Port);
        var client = await ConnectAsync(proxy);
        (await RoundTripAsync(client, "warm-up")).Should().Be("warm-up");

        proxy.SetLatency(latency);
        var clock = Stopwatch.StartNew();
        var reply = await RoundTripAsync(client, "claim 7");
        clock.Stop();

        reply.Should().Be("claim 7");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(2 * latency, "the request and the reply are each delayed");
        proxy.Latency.Should().Be(latency);
    }

    [Fact]
    public async Task Reset_all_fails_a_pending_read_with_connection_reset()
    {
        await using var proxy = TcpFaultProxy.Start("echo", "127.0.0.1", _echo.Port);
        var client = await ConnectAsync(proxy);
        (await RoundTripAsync(client, "hello")).Should().Be("hello");
        var pendingRead = client.ReceiveAsync(new byte[16], SocketFlags.None, Ct).AsTask();

        proxy.ResetAll();

        var read = () => pendingRead.WaitAsync(ReplyTimeout, Ct);
        (await read.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionReset);
        await WaitUntilAsync(() => proxy.ActiveConnections == 0, "the reset connection to be forgotten", proxy);
        (await RoundTripAsync(await ConnectAsync(proxy), "again")).Should().Be("again", "a reset is not a mode: new connections work");
    }

    [Fact]
    public async Task Refuse_new_resets_new_connections_while_an_open_one_keeps_working()
    {
        await using var proxy = TcpFaultProxy.Start("echo", "127.0.0.1", _echo.Port);
        var open = await ConnectAsync(proxy);
        (await RoundTripAsync(open, "before")).Should().Be("before");

        proxy.SetMode(ProxyMode.RefuseNew);
        // The kernel completes the handshake before the proxy can refuse, so the reset may land on the
        // connect or on the first exchange.
        var useRefused = async () => await RoundTripAsync(await ConnectAsync(proxy), "anyone there?");

        (await useRefused.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionReset);
        (await RoundTripAsync(open, "still here")).Should().Be("still here");
        proxy.ConnectionsAccepted.Should().Be(2);
        proxy.ActiveConnections.Should().Be(1);
    }

    [Fact]
    public async Task A_black_hole_times_out_requests_and_healing_lets_new_requests_through()
    {
        await using var upstream = new HttpUpstream();
        await using var proxy = TcpFaultProxy.Start("mock-api", "127.0.0.1", upstream.Port);
        using var http = HttpClientFor(proxy, TimeSpan.FromSeconds(1));
        (await http.GetStringAsync("/before", Ct)).Should().Be("GET /before ");

        proxy.SetMode(ProxyMode.BlackHole);
        var during = () => http.GetStringAsync("/during", Ct);
        (await during.Should().ThrowAsync<TaskCanceledException>()).WithInnerException<TimeoutException>();

        proxy.Heal();
        (await http.GetStringAsync("/after", Ct)).Should().Be("GET /after ");
        proxy.Mode.Should().Be(ProxyMode.Pass);
    }

    [Fact]
    public async Task A_black_hole_stalls_an_open_connection_and_healing_delivers_what_it_held()
    {
        await using var proxy = TcpFaultProxy.Start("echo", "127.0.0.1", _echo.Port);
        var client = await ConnectAsync(proxy);
        (await RoundTripAsync(client, "before")).Should().Be("before");

        proxy.SetMode(ProxyMode.BlackHole);
        await client.SendAsync(Encoding.UTF8.GetBytes("held"), SocketFlags.None, Ct);
        var buffer = new byte[16];
        var reply = client.ReceiveAsync(buffer, SocketFlags.None, Ct).AsTask();
        await Task.WhenAny(reply, Task.Delay(SilenceWindow, Ct)); // an observation window, not synchronisation
        reply.IsCompleted.Should().BeFalse("nothing crosses a partition");
        proxy.ActiveConnections.Should().Be(1, "a black hole holds connections rather than closing them");

        proxy.Heal();
        var received = await reply.WaitAsync(ReplyTimeout, Ct);
        Encoding.UTF8.GetString(buffer, 0, received).Should().Be("held");
    }

    [Fact]
    public async Task Fifty_concurrent_connections_are_each_forwarded_intact()
    {
        await using var proxy = TcpFaultProxy.Start("echo", "127.0.0.1", _echo.Port);

        var exchanges = Enumerable.Range(0, 50).Select(async i =>
        {
            var payload = new byte[64 * 1024];
            new Random(i).NextBytes(payload);
            var client = await ConnectAsync(proxy);
            var echoed = new byte[payload.Length];
            var receiving = ReceiveExactlyAsync(client, echoed); // reads while writing: echo needs both
            await client.SendAsync(payload, SocketFlags.None, Ct);
            await receiving;
            return echoed.AsSpan().SequenceEqual(payload);
        });
        var intact = await Task.WhenAll(exchanges);

        intact.Should().AllSatisfy(ok => ok.Should().BeTrue());
        proxy.ConnectionsAccepted.Should().Be(50);
        proxy.ActiveConnections.Should().Be(50);
    }

    [Fact]
    public async Task Dispose_closes_open_connections_and_leaves_no_listening_port()
    {
        var proxy = TcpFaultProxy.Start("echo", "127.0.0.1", _echo.Port);
        var client = await ConnectAsync(proxy);
        (await RoundTripAsync(client, "hello")).Should().Be("hello");

        await proxy.DisposeAsync();
        await proxy.DisposeAsync(); // twice is harmless

        var read = () => client.ReceiveAsync(new byte[16], SocketFlags.None, Ct).AsTask().WaitAsync(ReplyTimeout, Ct);
        (await read.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionReset);
        var connect = () => ConnectAsync(proxy);
        (await connect.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
        proxy.ActiveConnections.Should().Be(0);
    }

    [Fact]
    public async Task A_client_whose_upstream_is_down_is_reset()
    {
        await using var proxy = TcpFaultProxy.Start("nobody", "127.0.0.1", FreePort.Next());

        // The reset can reach the client while it is still connecting or on its first exchange.
        var use = async () => await RoundTripAsync(await ConnectAsync(proxy), "hello?");

        (await use.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionReset);
    }

    [Fact]
    public async Task Listening_on_a_taken_port_fails_with_the_proxy_name()
    {
        await using var first = TcpFaultProxy.Start("first", "127.0.0.1", _echo.Port);

        var second = () => TcpFaultProxy.Start("second", "127.0.0.1", _echo.Port, listenPort: first.Port);

        second.Should().Throw<InvalidOperationException>().WithMessage($"*'second'*127.0.0.1:{first.Port}*");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await _echo.DisposeAsync();
    }

    private async Task<Socket> ConnectAsync(TcpFaultProxy proxy)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        lock (_clients) _clients.Add(client);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, proxy.Port), Ct);
        return client;
    }

    private static async Task<string> RoundTripAsync(Socket client, string message)
    {
        var sent = Encoding.UTF8.GetBytes(message);
        await client.SendAsync(sent, SocketFlags.None, Ct);
        var echoed = new byte[sent.Length];
        await ReceiveExactlyAsync(client, echoed).WaitAsync(ReplyTimeout, Ct);
        return Encoding.UTF8.GetString(echoed);
    }

    private static async Task ReceiveExactlyAsync(Socket client, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, Ct);
            if (read == 0) throw new IOException($"connection closed after {total} of {buffer.Length} bytes");
            total += read;
        }
    }

    private static HttpClient HttpClientFor(TcpFaultProxy proxy, TimeSpan timeout) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{proxy.Port}"), Timeout = timeout };

    private static Task WaitUntilAsync(Func<bool> condition, string what, TcpFaultProxy proxy) =>
        Poll.UntilAsync(what, _ => Task.FromResult(condition() ? null : proxy.ToString()),
            ReplyTimeout, () => $"active connections: {proxy.ActiveConnections}", Ct);
}
