using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mocks.Tests.Support;

/// <summary>A webhook receiver on a free loopback port that keeps every delivery's raw bytes and signature.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    private WebhookListener(WebApplication app) => _app = app;

    public sealed record Delivery(byte[] Body, string? Signature)
    {
        public override string ToString() => System.Text.Encoding.UTF8.GetString(Body);
    }

    public Uri Url => new(new Uri(_app.Urls.Single()), "/parser-webhook");

    public IReadOnlyList<Delivery> Deliveries => _deliveries.ToArray();

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new WebhookListener(app);
        app.MapPost("/parser-webhook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            listener._deliveries.Enqueue(new Delivery(body.ToArray(), request.Headers["X-Webhook-Signature"].SingleOrDefault()));
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
