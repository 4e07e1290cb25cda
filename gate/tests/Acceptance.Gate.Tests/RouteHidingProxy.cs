using System.Net;
using System.Net.Sockets;

namespace Acceptance.Gate.Tests;

/// <summary>
/// An api-server with one route gone: passes every request on to the real api-server except those whose
/// method and path match, which get the bare 404 of a route that does not exist.
/// </summary>
public sealed class RouteHidingProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly Func<string, string, bool> _hidden;
    private readonly Task _serving;

    public RouteHidingProxy(Uri upstream, Func<string, string, bool> hidden)
    {
        _upstream = new HttpClient { BaseAddress = upstream };
        _hidden = hidden;
        Url = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var (method, path) = (context.Request.HttpMethod, context.Request.Url!.AbsolutePath);
        if (_hidden(method, path))
        {
            response.StatusCode = 404;
            return;
        }
        using var forward = new HttpRequestMessage(new HttpMethod(method), context.Request.Url.PathAndQuery.TrimStart('/'));
        if (context.Request.Headers["Authorization"] is { } authorization)
            forward.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (context.Request.HasEntityBody)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            forward.Content = new ByteArrayContent(body.ToArray());
            forward.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }
        using var answer = await _upstream.SendAsync(forward);
        response.StatusCode = (int)answer.StatusCode;
        if (answer.Content.Headers.ContentType is { } type)
            response.ContentType = type.ToString();
        await answer.Content.CopyToAsync(response.OutputStream);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _upstream.Dispose();
    }
}
