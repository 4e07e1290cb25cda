using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mocks.Tests.Support;

/// <summary>
/// A webhook receiver on a free loopback port. Each job gets its own URL (<see cref="UrlFor"/>), as the
/// pipeline does, because LlamaParse's webhook body does not say which job it is; every delivery keeps
/// its path tag, raw bytes and header names.
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    private WebhookListener(WebApplication app) => _app = app;

    public sealed record Delivery(string Tag, byte[] Body, IReadOnlyList<string> HeaderNames);

    public Uri UrlFor(string tag) => new(new Uri(_app.Urls.Single()), $"/parser-webhook/{tag}");

    public IReadOnlyList<Delivery> Deliveries => _deliveries.ToArray();

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new WebhookListener(app);
        app.MapPost("/parser-webhook/{tag}", async (string tag, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            listener._deliveries.Enqueue(new Delivery(tag, body.ToArray(), request.Headers.Keys.ToList()));
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
