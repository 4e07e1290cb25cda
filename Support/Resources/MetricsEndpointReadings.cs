namespace Acceptance.Support.Resources;

/// <summary>
/// Every service's process resources, scraped from its <c>/metrics</c> (all services at once, so one
/// sample is one moment). A service that does not answer (restarting, scaled away) is left out of that
/// sample, as a process that is gone is on the local target; an answer without the process series is
/// an error, since every later reading would be missing too.
/// </summary>
public sealed class MetricsEndpointReadings(IServiceMetricsEndpoints endpoints) : IDisposable
{
    // Short: a sample that waits on a stuck service would stretch the sampling interval for all the others.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };
    // Container addresses change only when containers do; resolving them costs two docker calls.
    private static readonly TimeSpan ResolveEvery = TimeSpan.FromSeconds(10);
    private IReadOnlyDictionary<string, Uri>? _resolved;
    private DateTime _resolvedAt;

    public async Task<IReadOnlyDictionary<string, ProcessReading>> ReadAsync(CancellationToken ct)
    {
        var targets = await TargetsAsync(ct);
        var readings = await Task.WhenAll(targets.Select(async t => (Service: t.Key, Url: t.Value, Text: await ScrapeAsync(t.Value, ct))));
        if (readings.Any(r => r.Text is null)) _resolved = null; // a container may have been replaced: look again next time
        return readings.Where(r => r.Text is not null).ToDictionary(r => r.Service, r => Parse(r.Service, r.Url, r.Text!));
    }

    private async Task<IReadOnlyDictionary<string, Uri>> TargetsAsync(CancellationToken ct)
    {
        if (_resolved is null || DateTime.UtcNow - _resolvedAt > ResolveEvery)
        {
            _resolved = await endpoints.ResolveAsync(ct);
            _resolvedAt = DateTime.UtcNow;
        }
        return _resolved;
    }

    private async Task<string?> ScrapeAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(url, ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static ProcessReading Parse(string service, Uri url, string text)
    {
        try
        {
            return ProcessMetricsText.Parse(text);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{service}'s {url} has no process metrics to watch its resources by: {e.Message}.", e);
        }
    }

    public void Dispose() => _http.Dispose();
}
