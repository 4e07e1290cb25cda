using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace BaseWorker.Metrics;

/// <summary>
/// Serves <c>/metrics</c> for Prometheus on <c>Metrics__Url</c>, or on <c>Urls</c> when that is
/// unset (the address a host gives an ASP.NET Core process); neither set: no endpoint.
/// </summary>
public sealed class MetricsEndpoint(WorkerMetrics metrics, IConfiguration configuration, ILogger<MetricsEndpoint> logger) : IHostedService
{
    private IMetricServer? _server;

    public static string? ConfiguredUrl(IConfiguration configuration) =>
        configuration["Metrics:Url"] is { Length: > 0 } url ? url
        : configuration["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    public Task StartAsync(CancellationToken ct)
    {
        if (ConfiguredUrl(configuration) is not { } url) return Task.CompletedTask;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address))
            throw new InvalidOperationException($"Metrics__Url (or Urls) must be an absolute URL such as http://127.0.0.1:9464, not '{url}'.");
        _server = new KestrelMetricServer(new KestrelMetricServerOptions
        {
            Hostname = address.Host,
            Port = (ushort)address.Port,
            Url = "/metrics",
            Registry = metrics.Registry,
        }).Start();
        logger.LogInformation("Metrics on {MetricsUrl}", new Uri(address, "/metrics"));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_server is not null) await _server.StopAsync();
    }
}
