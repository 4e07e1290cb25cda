using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Acceptance.Support.Monitoring;
using Acceptance.Support.Resources;
using FluentAssertions;
using Pipeline.TestKit;
using Xunit;

namespace Monitoring.Tests;

/// <summary>
/// The suite's Prometheus watches any target that names its services' /metrics URLs: each URL becomes a target of its
/// service's job, scraped at its own path, and a target declares operator-monitoring only when the URLs cover what
/// the alert rules read.
/// </summary>
public sealed partial class ScrapeTargetTests
{
    /// <summary>Also each scrape's timeout: long enough for a starved machine's answer, short enough to see a few scrapes.</summary>
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(2);

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    [Fact]
    public void The_jobs_operator_monitoring_requires_are_the_jobs_the_alert_rules_read()
    {
        var read = AlertRule.Load(Promtool.RulesFile).SelectMany(r => JobSelector().Matches(r.Expression)).Select(m => m.Groups[1].Value).ToHashSet();

        read.Should().BeEquivalentTo(ScrapeTargets.JobsTheRulesRead);
    }

    [Fact]
    public void Every_named_url_is_a_target_of_its_services_job()
    {
        var targets = ScrapeTargets.From(new Dictionary<string, Uri>
        {
            ["api-server"] = new("http://api.example.test:8080/metrics"),
            ["base-worker-1"] = new("http://10.0.0.5:9464/metrics"),
            ["base-worker-3f2a9c81d0e4"] = new("https://10.0.0.6:9464/internal/metrics"),
            ["mock-llamaparse"] = new("http://127.0.0.1:7001/metrics"),
        });

        targets.Select(t => (t.Job, t.Service)).Should().Equal(
            ("api-server", "api-server"), ("base-worker", "base-worker-1"), ("base-worker", "base-worker-3f2a9c81d0e4"), ("mock-llamaparse", "mock-llamaparse"));
        targets.Single(t => t.Service == "base-worker-3f2a9c81d0e4").Url.Should().Be(new Uri("https://10.0.0.6:9464/internal/metrics"));
    }

    [Fact]
    public void Urls_for_the_api_server_and_every_worker_are_what_operator_monitoring_needs()
    {
        const string Api = "http://127.0.0.1:1/metrics";
        string[] bothWorkers = ["base-worker-1", "base-worker-2"];

        Because(new() { ["api-server"] = Api, ["base-worker-1"] = Api, ["base-worker-2"] = Api }, bothWorkers).Should().BeNull();
        Because(new() { ["api-server"] = Api, ["base-worker-1"] = Api }, []).Should().BeNull("no control commands name other workers");

        Because([], bothWorkers).Should().Contain("name no service /metrics URLs");
        Because(new() { ["base-worker-1"] = Api, ["base-worker-2"] = Api }, bothWorkers).Should().EndWith("names no /metrics for api-server");
        Because(new() { ["api-server"] = Api, ["mock-llamaparse"] = Api }, []).Should().EndWith("names no /metrics for any worker");
        Because(new() { ["api-server"] = Api, ["base-worker-1"] = Api }, bothWorkers)
            .Should().EndWith("names no /metrics for base-worker-2", "a worker left unscraped hides its provider failures and its death");
    }

    private static string? Because(Dictionary<string, string> urls, IReadOnlyList<string> workersRunning) =>
        new ConfiguredMetricsEndpoints(urls, workersRunning).TooFewForTheAlertRulesBecause;

    /// <summary>
    /// A real Prometheus with the configuration the suite writes: each service's /metrics at the path and query its URL
    /// gives (here not /metrics), under its job, with the service as its instance.
    /// </summary>
    [Fact]
    public async Task The_suites_prometheus_scrapes_each_service_at_its_own_url_under_its_job()
    {
        await using var api = new MetricsServer("/api/custom-metrics");
        await using var worker = new MetricsServer("/metrics");
        var targets = ScrapeTargets.From(new Dictionary<string, Uri>
        {
            ["api-server"] = new($"{api.BaseUrl}api/custom-metrics"),
            ["base-worker-7"] = new($"{worker.BaseUrl}metrics?shard=7"),
        });
        var logs = Directory.CreateTempSubdirectory("monitoring-logs-").FullName;
        try
        {
            await using var stack = await MonitoringStack.StartAsync(targets, new MonitoringSettings(ScrapeInterval, 60), logs, TimeSpan.FromSeconds(60));
            using var prometheus = new PrometheusDriver(stack);

            // Generous: on a starved machine Prometheus's first scrapes come late.
            var seen = await UntilAsync(prometheus.TargetsAsync, t => t.Count == 2 && t.All(x => x.Health == "up"), TimeSpan.FromSeconds(120));

            seen.Select(t => (t.Job, t.Instance)).Should().BeEquivalentTo([("api-server", "api-server"), ("base-worker", "base-worker-7")]);
            worker.Queries.Should().Contain("shard=7", "the URL's query reaches the service");
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }

    /// <summary>Polls until the condition holds; past the limit the test fails with the last state seen.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {limit}: {System.Text.Json.JsonSerializer.Serialize(value)}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), Cancelled);
        }
    }

    [GeneratedRegex(@"job\s*=\s*""([^""]+)""")]
    private static partial Regex JobSelector();

    /// <summary>Serves one Prometheus text series at one path (404 elsewhere), keeping the queries it was asked with.</summary>
    private sealed class MetricsServer : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public MetricsServer(string path)
        {
            BaseUrl = $"http://127.0.0.1:{FreePort.Next()}/";
            _listener.Prefixes.Add(BaseUrl);
            _listener.Start();
            _loop = Task.Run(() => ServeAsync(path));
        }

        public string BaseUrl { get; }
        public ConcurrentBag<string> Queries { get; } = [];

        private async Task ServeAsync(string path)
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                Queries.Add(context.Request.Url!.Query.TrimStart('?'));
                if (context.Request.Url.AbsolutePath == path)
                {
                    context.Response.ContentType = "text/plain; version=0.0.4";
                    await context.Response.OutputStream.WriteAsync("process_start_time_seconds 1\n"u8.ToArray());
                }
                else
                {
                    context.Response.StatusCode = 404;
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
    }
}
