using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

// Answers GET /health with 200 on the address in `Urls`, logs one line per request, and on SIGTERM
// logs "shutting down" and exits with code 0, like a well-behaved ASP.NET Core service.
// A raw socket server: the managed HttpListener can crash when a client connects while it starts.
var url = new Uri(Environment.GetEnvironmentVariable("Urls") ?? throw new InvalidOperationException("Urls is not set"));
using var listener = new TcpListener(IPAddress.Parse(url.Host), url.Port);
listener.Start();

using var stopping = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true; // we shut down ourselves, after saying so
    stopping.Cancel();
});

Console.WriteLine($"{{\"message\":\"listening\",\"url\":\"{url.GetLeftPart(UriPartial.Authority)}\",\"greeting\":\"{Environment.GetEnvironmentVariable("GREETING")}\"}}");
Console.Error.WriteLine("diagnostics on stderr");

while (!stopping.IsCancellationRequested)
{
    TcpClient client;
    try
    {
        client = await listener.AcceptTcpClientAsync(stopping.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }
    using (client)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { } // skip headers
        var path = requestLine.Split(' ') is [_, var target, ..] ? target : "";
        Console.WriteLine($"{{\"message\":\"request\",\"path\":\"{path}\"}}");
        var status = path == "/health" ? "200 OK" : "404 Not Found";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    }
}

Console.WriteLine("{\"message\":\"shutting down\"}");
return 0;
