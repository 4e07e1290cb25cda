namespace Acceptance.Support.Resources;

/// <summary>
/// On the local target resources come from /proc, which cannot see inside a managed heap; the live heap
/// after a full collection comes from each service's own /metrics, where it exports it (optional: a
/// service without it, or one that does not answer in time, is judged by resident memory).
/// </summary>
public sealed class LocalLiveHeaps : IDisposable
{
    // Short: a slow scrape would stretch the sampling interval of every service.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Each reading with its service's live heap added, where the service reported one (<paramref name="metricsUrls"/>: by service).</summary>
    public async Task<IReadOnlyDictionary<string, ProcessReading>> AddToAsync(
        IReadOnlyDictionary<string, ProcessReading> readings, IReadOnlyDictionary<string, string> metricsUrls, CancellationToken ct)
    {
        var heaps = await Task.WhenAll(readings.Keys.Where(metricsUrls.ContainsKey)
            .Select(async service => (Service: service, MiB: await ReadAsync(metricsUrls[service], ct))));
        var byService = heaps.Where(h => h.MiB is not null).ToDictionary(h => h.Service, h => h.MiB);
        return readings.ToDictionary(r => r.Key, r => byService.TryGetValue(r.Key, out var mib) ? r.Value with { LiveHeapMiB = mib } : r.Value);
    }

    private async Task<double?> ReadAsync(string url, CancellationToken ct)
    {
        try
        {
            return ProcessMetricsText.LiveHeapMiB(await _http.GetStringAsync(url, ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
