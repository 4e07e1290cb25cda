using System.Text;
using Acceptance.Support.Environment;
using Pipeline.TestKit;

namespace Acceptance.Support.Monitoring;

/// <summary>
/// A real Prometheus (Debian's, installed by scripts/setup.sh) scraping the services' /metrics URLs it is
/// given (<see cref="ScrapeTargets"/>) and evaluating the repository's alert rules time-scaled, and a real Alertmanager routing
/// to the suite's <see cref="AlertReceiver"/>; both as child processes on loopback ports, their data
/// in a temporary folder removed afterwards.
/// </summary>
public sealed class MonitoringStack : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitoring-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];
    private IReadOnlyList<ScrapeTarget> _targets = [];
    private int _alertmanagerPort;

    private MonitoringStack(MonitoringSettings settings)
    {
        Settings = settings;
    }

    public MonitoringSettings Settings { get; }
    /// <summary>The services Prometheus scrapes.</summary>
    public IReadOnlyList<ScrapeTarget> Targets => _targets;
    public AlertReceiver Receiver { get; private set; } = null!;
    public Uri PrometheusUrl { get; private set; } = null!;
    public Uri AlertmanagerUrl { get; private set; } = null!;

    public static async Task<MonitoringStack> StartAsync(
        IReadOnlyList<ScrapeTarget> targets, MonitoringSettings settings, string logDirectory, TimeSpan readyTimeout)
    {
        var stack = new MonitoringStack(settings);
        try
        {
            await stack.StartAllAsync(targets, logDirectory, readyTimeout);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(IReadOnlyList<ScrapeTarget> targets, string logDirectory, TimeSpan readyTimeout)
    {
        Receiver = new AlertReceiver();
        _owned.Add(Receiver);

        _targets = targets;
        _alertmanagerPort = FreePort.Next();
        var alertmanagerConfig = Write("alertmanager.yml", AlertmanagerConfig(Receiver.Url, Settings));
        var alertmanager = Start("alertmanager", "prometheus-alertmanager", _alertmanagerPort, logDirectory,
        [
            $"--config.file={alertmanagerConfig}",
            $"--storage.path={Path.Combine(_folder, "alertmanager-data")}",
            $"--web.listen-address=127.0.0.1:{_alertmanagerPort}",
            "--cluster.listen-address=", // a single instance: no gossip port
        ]);
        AlertmanagerUrl = new Uri(alertmanager.BaseUrl);

        var prometheusPort = FreePort.Next();
        var prometheusConfig = Write(PrometheusConfigFile, PrometheusConfig(_targets, rulesFile: null, _alertmanagerPort, Settings));
        var prometheus = Start("prometheus", "prometheus", prometheusPort, logDirectory,
        [
            $"--config.file={prometheusConfig}",
            $"--storage.tsdb.path={Path.Combine(_folder, "prometheus-data")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
            "--web.enable-lifecycle", // POST /-/reload loads the alert rules once every target is up
        ]);
        PrometheusUrl = new Uri(prometheus.BaseUrl);

        await Task.WhenAll(alertmanager.WaitForHealthyAsync("/-/ready", readyTimeout), prometheus.WaitForHealthyAsync("/-/ready", readyTimeout));
    }

    /// <summary>
    /// Loads the repository's alert rules (time-scaled) into the running Prometheus. Called once
    /// every target has been scraped: before its first scrape a service is absent, and a rule such
    /// as WorkerMissing would page about the stack's own start, which no operator's long-running
    /// Prometheus ever sees.
    /// </summary>
    public async Task EnableAlertRulesAsync()
    {
        var rules = Write("alerts.yml", TimeScaledRules.Scale(File.ReadAllText(RepositoryFiles.PathOf("monitoring/alerts.yml")), Settings.TimeScale));
        Write(PrometheusConfigFile, PrometheusConfig(_targets, rules, _alertmanagerPort, Settings));
        using var prometheus = new PrometheusDriver(this);
        await prometheus.ReloadConfigurationAsync();
    }

    private const string PrometheusConfigFile = "prometheus.yml";

    private ServiceProcess Start(string name, string program, int port, string logDirectory, IReadOnlyList<string> arguments)
    {
        var process = ServiceProcess.Start(new ServiceProcessOptions
        {
            Name = name,
            FileName = program,
            Arguments = arguments,
            Port = port,
            SetUrls = false,
            LogFile = Path.Combine(logDirectory, $"{name}.log"),
            WorkingDirectory = _folder,
        });
        _owned.Add(process);
        return process;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string PrometheusConfig(IReadOnlyList<ScrapeTarget> targets, string? rulesFile, int alertmanagerPort, MonitoringSettings settings)
    {
        var interval = TimeScaledRules.Format(settings.ScrapeInterval);
        var config = new StringBuilder($"""
            global:
              scrape_interval: {interval}
              scrape_timeout: {interval}
              evaluation_interval: {interval}
            rule_files: [{(rulesFile is null ? "" : $"'{rulesFile}'")}]
            alerting:
              alertmanagers:
                - static_configs: [{"{"}targets: ['127.0.0.1:{alertmanagerPort}']{"}"}]
            scrape_configs:

            """);
        foreach (var job in targets.GroupBy(t => t.Job))
        {
            config.AppendLine($"  - job_name: {Quoted(job.Key)}");
            config.AppendLine("    static_configs:");
            foreach (var target in job)
                config.AppendLine($"      - {{targets: [{Quoted(target.Url.Authority)}], labels: {{{string.Join(", ", TargetLabels(target).Select(l => $"{l.Key}: {Quoted(l.Value)}"))}}}}}");
        }
        return config.ToString();
    }

    /// <summary>
    /// Each target's own scheme, path and query, as the labels Prometheus scrapes by (a target's labels win over its
    /// job's defaults), so services of one job may serve /metrics at different paths; the instance is the service's name.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> TargetLabels(ScrapeTarget target)
    {
        yield return new("instance", target.Service);
        yield return new("__scheme__", target.Url.Scheme);
        yield return new("__metrics_path__", target.Url.AbsolutePath);
        var query = System.Web.HttpUtility.ParseQueryString(target.Url.Query);
        foreach (var name in query.AllKeys.OfType<string>())
            yield return new($"__param_{name}", query[name]!);
    }

    /// <summary>A YAML single-quoted scalar: every character as it is, a quote doubled.</summary>
    private static string Quoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string AlertmanagerConfig(string receiverUrl, MonitoringSettings settings) => $"""
        route:
          receiver: operators
          group_by: [alertname]
          group_wait: {TimeScaledRules.Format(settings.ScrapeInterval)}
          group_interval: {TimeScaledRules.Format(settings.ScrapeInterval)}
          repeat_interval: 1h
        receivers:
          - name: operators
            webhook_configs:
              - url: '{receiverUrl}'
                send_resolved: true
        """;


    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            try { await owned.DisposeAsync(); }
            catch (Exception) { /* best effort: the rest must still go */ }
        }
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* /tmp is cleaned by the OS */ }
    }
}

/// <summary>How fast the test monitoring runs: scrape and evaluation interval, and how much the rules' times are compressed.</summary>
public sealed record MonitoringSettings(TimeSpan ScrapeInterval, int TimeScale);
