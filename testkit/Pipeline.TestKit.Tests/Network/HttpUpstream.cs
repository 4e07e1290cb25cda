using System.Net;
using System.Text;

namespace Pipeline.TestKit.Tests.Network;

/// <summary>
/// A real HTTP server on loopback (the BCL's HttpListener) answering every request with
/// "&lt;method&gt; &lt;path&gt; &lt;request body&gt;", so a test can see that a request crossed the proxy intact.
/// </summary>
internal sealed class HttpUpstream : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public HttpUpstream()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            _ = AnswerAsync(context);
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var answer = Encoding.UTF8.GetBytes($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {body}");
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the client (or the proxy in front of it) went away: nothing to answer
        }
    }
}
