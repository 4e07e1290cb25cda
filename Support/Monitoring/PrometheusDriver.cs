using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Acceptance.Support.Monitoring;

/// <summary>An alert as Prometheus holds it: pending (condition true, waiting out <c>for:</c>) or firing.</summary>
public sealed record ActiveAlert(string Name, string State, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? ActiveAt);

/// <summary>One series' raw samples: when each was taken and its value.</summary>
public sealed record SampledSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset At, double Value)> Samples);

/// <summary>A scrape target and whether its last scrape succeeded.</summary>
public sealed record TargetHealth(string Job, string Instance, string Health, string LastError);

/// <summary>Prometheus's HTTP API (docs: prometheus.io/docs/prometheus/latest/querying/api/): alerts, targets, rules, instant queries, reload.</summary>
public sealed class PrometheusDriver(MonitoringStack stack) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = stack.PrometheusUrl, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<IReadOnlyList<ActiveAlert>> ActiveAlertsAsync()
    {
        var data = await GetDataAsync("api/v1/alerts");
        return data.GetProperty("alerts").EnumerateArray().Select(a =>
        {
            var labels = Strings(a.GetProperty("labels"));
            DateTimeOffset? activeAt = a.TryGetProperty("activeAt", out var at) ? at.GetDateTimeOffset() : null;
            return new ActiveAlert(labels.GetValueOrDefault("alertname", ""), a.GetProperty("state").GetString()!, labels, activeAt);
        }).ToList();
    }

    public async Task<IReadOnlyList<TargetHealth>> TargetsAsync()
    {
        var data = await GetDataAsync("api/v1/targets?state=active");
        return data.GetProperty("activeTargets").EnumerateArray().Select(t =>
        {
            var labels = Strings(t.GetProperty("labels"));
            return new TargetHealth(labels.GetValueOrDefault("job", ""), labels.GetValueOrDefault("instance", ""),
                t.GetProperty("health").GetString()!, t.GetProperty("lastError").GetString() ?? "");
        }).ToList();
    }

    /// <summary>When the rule groups were last evaluated (the earliest of them).</summary>
    public async Task<DateTimeOffset?> LastRuleEvaluationAsync()
    {
        var data = await GetDataAsync("api/v1/rules?type=alert");
        var times = data.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("lastEvaluation").GetDateTimeOffset()).ToList();
        return times.Count == 0 || times.Min().Year < 2000 ? null : times.Min();
    }

    /// <summary>The names of every series Prometheus has scraped so far.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync()
    {
        var data = await GetDataAsync("api/v1/label/__name__/values");
        return data.EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Per scrape job, the names of the series Prometheus holds right now.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> MetricNamesByJobAsync()
    {
        var series = await QueryAsync("count by (job, __name__) ({job!=\"\"})");
        return series.GroupBy(s => s.Labels.GetValueOrDefault("job", ""))
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(s => s.Labels["__name__"]).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>An instant query's samples: labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promQl)
    {
        var data = await GetDataAsync($"api/v1/query?query={Uri.EscapeDataString(promQl)}");
        return data.GetProperty("result").EnumerateArray()
            .Select(s => ((IReadOnlyDictionary<string, string>)Strings(s.GetProperty("metric")),
                double.Parse(s.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>
    /// The raw samples of <paramref name="selector"/> stored from <paramref name="from"/> to <paramref name="until"/>,
    /// each with the time it was scraped or evaluated: exactly that window (the query is evaluated at
    /// <paramref name="until"/>, not whenever it arrives), without a query's lookback.
    /// </summary>
    public async Task<IReadOnlyList<SampledSeries>> RawSamplesAsync(string selector, DateTimeOffset from, DateTimeOffset until)
    {
        var milliseconds = Math.Max(1, (long)(until - from).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var at = (until.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        var data = await GetDataAsync($"api/v1/query?query={Uri.EscapeDataString($"{selector}[{milliseconds}ms]")}&time={at}");
        return data.GetProperty("result").EnumerateArray()
            .Select(s => new SampledSeries(Strings(s.GetProperty("metric")), s.GetProperty("values").EnumerateArray()
                .Select(v => (DateTimeOffset.FromUnixTimeMilliseconds((long)(v[0].GetDouble() * 1000)),
                    double.Parse(v[1].GetString()!, CultureInfo.InvariantCulture)))
                .ToList()))
            .ToList();
    }

    /// <summary>Makes Prometheus read its configuration file again (needs <c>--web.enable-lifecycle</c>).</summary>
    public async Task ReloadConfigurationAsync()
    {
        using var reloaded = await _http.PostAsync("-/reload", content: null);
        if (!reloaded.IsSuccessStatusCode)
            throw new InvalidOperationException($"Prometheus refused its configuration: {(int)reloaded.StatusCode} {await reloaded.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> GetDataAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"Prometheus answered {(int)response.StatusCode} to GET {path}: {body}");
        return body.GetProperty("data").Clone();
    }

    private static Dictionary<string, string> Strings(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    public void Dispose() => _http.Dispose();
}
