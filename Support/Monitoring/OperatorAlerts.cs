using Acceptance.Support.Contexts;
using Acceptance.Support.Waiting;

namespace Acceptance.Support.Monitoring;

/// <summary>An alert Prometheus raised (pending or firing), its labels, and the first and last evaluation that held it.</summary>
public sealed record RaisedAlert(string Name, string State, IReadOnlyDictionary<string, string> Labels, DateTimeOffset From, DateTimeOffset Until);

/// <summary>
/// What operators see: alerts active in Prometheus, the ALERTS history, and notifications that
/// reached the receiver. Waits are named conditions with a timeout, never fixed pauses.
/// </summary>
public sealed class OperatorAlerts(AlertWatch watch, Waiter waiter) : IDisposable
{
    private PrometheusDriver? _prometheus;

    private PrometheusDriver Prometheus => _prometheus ??= new PrometheusDriver(watch.Monitoring);

    /// <summary>
    /// Waits until no alert is pending or firing in Prometheus and every alert the operators were
    /// told of has also been reported resolved, so a scenario starts from a quiet pager. (A rule can
    /// see a service as absent before its first scrape; its news may still be on the way.)
    /// </summary>
    public Task WaitUntilQuietAsync(TimeSpan timeout) =>
        waiter.UntilAsync("no alert pending or firing, and none notified without its resolution, before the scenario starts",
            async () => (Active: await Prometheus.ActiveAlertsAsync(), Unresolved: UnresolvedNotifications()),
            seen => seen.Active.Count == 0 && seen.Unresolved.Count == 0, timeout,
            seen => $"active in Prometheus: {Describe(seen.Active)}; notified, not yet resolved: {(seen.Unresolved.Count == 0 ? "none" : string.Join(", ", seen.Unresolved))}");

    /// <summary>Alerts whose latest notification says firing.</summary>
    private IReadOnlyList<string> UnresolvedNotifications() =>
        watch.Monitoring.Receiver.Received
            .SelectMany(n => n.Alerts)
            .GroupBy(a => string.Join(",", a.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")))
            .Where(g => g.Last().Status == "firing")
            .Select(g => g.Key)
            .ToList();

    /// <summary>
    /// The first notification received after <paramref name="after"/> (and since the watch began) that
    /// reports <paramref name="status"/> for a matching alert; an earlier scenario's late news does not count.
    /// </summary>
    public async Task<(NotifiedAlert Alert, DateTimeOffset ReceivedAt)> WaitForNotificationAsync(
        string what, string alertName, IReadOnlyDictionary<string, string> labels, string status, DateTimeOffset after, TimeSpan timeout)
    {
        var found = await waiter.UntilAsync(what,
            () => Task.FromResult(Matching(alertName, labels, status).FirstOrDefault(m => m.ReceivedAt > after)),
            match => match.Alert is not null, timeout,
            _ => $"notifications so far: {DescribeNotifications()}; active in Prometheus: {Describe(Prometheus.ActiveAlertsAsync().GetAwaiter().GetResult())}");
        return found;
    }

    /// <summary>Every alert that was pending or firing at any evaluation since the watch began, and when.</summary>
    public async Task<IReadOnlyList<RaisedAlert>> AlertsRaisedSinceWatchBeganAsync()
    {
        // Raw samples of exactly the time since the watch began: a sample from before it, such as a
        // rule's view of the stack starting, is not this scenario's alert.
        var series = await Prometheus.RawSamplesAsync("ALERTS", watch.Since, DateTimeOffset.UtcNow);
        return series.Select(s => new RaisedAlert(
                s.Labels.GetValueOrDefault("alertname", ""), s.Labels.GetValueOrDefault("alertstate", ""),
                s.Labels.Where(l => l.Key is not ("__name__" or "alertname" or "alertstate")).ToDictionary(),
                s.Samples.Min(x => x.At), s.Samples.Max(x => x.At)))
            .ToList();
    }

    /// <summary>Scrapes that failed since the watch began (<c>up</c> was 0): which service, and when.</summary>
    public async Task<IReadOnlyList<string>> FailedScrapesSinceWatchBeganAsync()
    {
        var series = await Prometheus.RawSamplesAsync("up", watch.Since, DateTimeOffset.UtcNow);
        return series.SelectMany(s => s.Samples.Where(x => x.Value == 0)
                .Select(x => $"{s.Labels.GetValueOrDefault("job")} {s.Labels.GetValueOrDefault("instance")} at {x.At:HH:mm:ss.fff}"))
            .ToList();
    }

    /// <summary>Waits until Prometheus has evaluated the rules after <paramref name="moment"/>, so the history covers it.</summary>
    public Task WaitUntilRulesEvaluatedAfterAsync(DateTimeOffset moment, TimeSpan timeout) =>
        waiter.UntilAsync($"Prometheus evaluating the alert rules after {moment:HH:mm:ss.fff}",
            Prometheus.LastRuleEvaluationAsync, last => last > moment, timeout, last => $"last evaluation {last:HH:mm:ss.fff}");

    public Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> MetricNamesByJobAsync() => Prometheus.MetricNamesByJobAsync();

    public IReadOnlyList<AlertNotification> NotificationsSinceWatchBegan =>
        watch.Monitoring.Receiver.Received.Where(n => n.ReceivedAt >= watch.Since).ToList();

    private IEnumerable<(NotifiedAlert Alert, DateTimeOffset ReceivedAt)> Matching(
        string alertName, IReadOnlyDictionary<string, string> labels, string status) =>
        from notification in NotificationsSinceWatchBegan
        from alert in notification.Alerts
        where alert.Name == alertName && alert.Status == status
              && labels.All(l => alert.Labels.GetValueOrDefault(l.Key) == l.Value)
        select (alert, notification.ReceivedAt);

    private string DescribeNotifications() => NotificationsSinceWatchBegan.Count == 0
        ? "none"
        : string.Join("; ", NotificationsSinceWatchBegan.Select(n =>
            $"{n.ReceivedAt:HH:mm:ss.fff} {string.Join(", ", n.Alerts.Select(a => $"{a.Name} {a.Status}"))}"));

    private static string Describe(IReadOnlyList<ActiveAlert> active) => active.Count == 0
        ? "none"
        : string.Join(", ", active.Select(a => $"{a.Name} {a.State} {string.Join(" ", a.Labels.Where(l => l.Key != "alertname").Select(l => $"{l.Key}={l.Value}"))}"));

    public void Dispose() => _prometheus?.Dispose();
}
