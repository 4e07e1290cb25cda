using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.TestKit;

namespace Acceptance.Support.Monitoring;

/// <summary>One alert in an Alertmanager webhook notification (Alertmanager docs, "webhook_config": version 4 payload).</summary>
public sealed record NotifiedAlert(
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt)
{
    public string Name => Labels.GetValueOrDefault("alertname", "");
}

/// <summary>A notification as it reached the receiver: when, and the alerts in it.</summary>
public sealed record AlertNotification(DateTimeOffset ReceivedAt, string Status, IReadOnlyList<NotifiedAlert> Alerts);

/// <summary>
/// The operators' pager, as far as the suite is concerned: Alertmanager's webhook receiver on a
/// loopback port, keeping every notification with the time it arrived.
/// </summary>
public sealed class AlertReceiver : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<AlertNotification> _received = new();
    private readonly Task _loop;

    public AlertReceiver()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/alerts";

    public IReadOnlyList<AlertNotification> Received => _received.ToList();

    private async Task ReceiveAsync()
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
            var receivedAt = DateTimeOffset.UtcNow;
            try
            {
                var payload = await JsonSerializer.DeserializeAsync<WebhookPayload>(context.Request.InputStream, Json);
                if (payload is not null)
                {
                    _received.Enqueue(new AlertNotification(receivedAt, payload.Status, payload.Alerts
                        .Select(a => new NotifiedAlert(a.Status, a.Labels, a.Annotations, a.StartsAt, a.EndsAt)).ToList()));
                }
                context.Response.StatusCode = 200;
            }
            catch (JsonException)
            {
                context.Response.StatusCode = 400;
            }
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private sealed record WebhookPayload(
        string Status,
        List<WebhookAlert> Alerts,
        [property: JsonPropertyName("receiver")] string? Receiver);

    private sealed record WebhookAlert(
        string Status,
        Dictionary<string, string> Labels,
        Dictionary<string, string> Annotations,
        DateTimeOffset StartsAt,
        DateTimeOffset EndsAt);
}
