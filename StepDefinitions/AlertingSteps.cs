using Acceptance.Support.Environment;
using Acceptance.Support.Monitoring;
using Pipeline.Contract;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>Operators watching the pipeline through Prometheus and Alertmanager with the repository's alert rules.</summary>
[Binding]
public sealed class AlertingSteps(
    OperatorMonitoring monitoring, OperatorAlerts alerts, AlertWatch watch, FaultWindow fault, EvidenceRecorder evidence,
    IUnitTestRuntimeProvider runtime)
{
    /// <summary>The parser's outage is the ProviderDown alert for LlamaParse (monitoring/alerts.yml).</summary>
    private const string ProviderDown = "ProviderDown";
    private static readonly IReadOnlyDictionary<string, string> TheParser = new Dictionary<string, string> { ["provider"] = "llamaparse" };
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(90);

    [Given("operators watch the pipeline with the repository's alert rules")]
    public async Task GivenOperatorsWatchThePipeline()
    {
        if (monitoring.UnavailableBecause is { } reason) runtime.NotVerifiedOnThisTarget(TargetCapabilities.OperatorMonitoring, $"the suite's Prometheus cannot watch it: {reason}");
        watch.Stack = await monitoring.StartedAsync();
        await alerts.WaitUntilQuietAsync(QuietTimeout);
        watch.Since = DateTimeOffset.UtcNow;
    }

    [Given("the operators have been alerted that the parser is down")]
    public async Task GivenTheOperatorsHaveBeenAlerted() => await AlertedThatTheParserIsDownAsync(QuietTimeout);

    [Then("the operators are alerted within {duration} that the parser is down")]
    public async Task ThenTheOperatorsAreAlerted(TimeSpan within)
    {
        await AlertedThatTheParserIsDownAsync(within);
        evidence.AttachJson("alert-firing", new
        {
            alert = ProviderDown,
            outageBegan = fault.Began,
            notifiedAt = watch.FiredAt,
            secondsFromOutageToNotification = Seconds(fault.Began, watch.FiredAt),
            statedLimitSeconds = within.TotalSeconds,
            ruleTimeScale = monitoring.Settings.TimeScale,
        });
    }

    [Then("the alert tells them which runbook to follow")]
    public void ThenTheAlertNamesItsRunbook()
    {
        var runbook = watch.Fired!.Annotations.GetValueOrDefault("runbook_url");
        runbook.Should().NotBeNullOrWhiteSpace("every alert must say where its runbook is");
        Runbooks.TextOf(runbook!).Should().Contain("## Check").And.Contain("## Do");
    }

    [Then("the operators are told within {duration} that the parser's alert is resolved")]
    public async Task ThenTheAlertResolves(TimeSpan within)
    {
        var (_, resolvedAt) = await alerts.WaitForNotificationAsync(
            "the operators being told the parser's alert is resolved", ProviderDown, TheParser, "resolved", watch.FiredAt!.Value, within);
        watch.ResolvedAt = resolvedAt;
        evidence.AttachJson("alert-resolved", new
        {
            alert = ProviderDown,
            outageBegan = fault.Began,
            firingNotifiedAt = watch.FiredAt,
            parserBackAt = fault.Ended,
            resolvedNotifiedAt = resolvedAt,
            secondsFromRecoveryToResolution = Seconds(fault.Ended, resolvedAt),
            statedLimitSeconds = within.TotalSeconds,
        });
    }

    [Then("no alert fired and no operator was notified")]
    public async Task ThenNoAlertFired()
    {
        await alerts.WaitUntilRulesEvaluatedAfterAsync(DateTimeOffset.UtcNow, QuietTimeout);
        var raised = await alerts.AlertsRaisedSinceWatchBeganAsync();
        var notified = alerts.NotificationsSinceWatchBegan;
        evidence.AttachJson("no-false-alarms", new
        {
            watchedFrom = watch.Since,
            watchedUntil = DateTimeOffset.UtcNow,
            alertsPendingOrFiring = raised,
            failedScrapes = await alerts.FailedScrapesSinceWatchBeganAsync(),
            notifications = notified.SelectMany(n => n.Alerts.Select(a => new { n.ReceivedAt, a.Name, a.Status, a.Labels, a.StartsAt, a.EndsAt })),
        });
        // Pending is not paging: a rule waits out its for: precisely so that one slow scrape of a busy
        // service (up = 0 once) pages nobody. Pending alerts stay in the evidence beside the failed scrapes.
        raised.Where(a => a.State == "firing").Should().BeEmpty("a healthy pipeline must not make any alert rule fire");
        notified.SelectMany(n => n.Alerts).Where(a => a.Status == "firing")
            .Should().BeEmpty("no operator may be paged while the pipeline is healthy");
    }

    [Then("Prometheus collects the metrics operators need from every service")]
    public async Task ThenPrometheusCollectsEveryServicesMetrics()
    {
        var collected = await alerts.MetricNamesByJobAsync();
        evidence.AttachJson("metrics-by-service", collected.OrderBy(j => j.Key).ToDictionary(j => j.Key, j => j.Value.Order().ToList()));
        // The jobs the rules read always; the provider fakes where the target names their /metrics.
        var scraped = watch.Monitoring.Targets.Select(t => t.Job).Union(ScrapeTargets.JobsTheRulesRead).ToHashSet();
        foreach (var (service, required) in ServiceMetricsCatalogue.Required.Where(s => scraped.Contains(s.Key)))
        {
            collected.Should().ContainKey(service, $"Prometheus should scrape {service}");
            collected[service].Should().Contain(required, $"{service} must report them on /metrics");
        }
    }

    private async Task AlertedThatTheParserIsDownAsync(TimeSpan within)
    {
        var (alert, receivedAt) = await alerts.WaitForNotificationAsync(
            "the operators being alerted that the parser is down", ProviderDown, TheParser, "firing", fault.Began!.Value, within);
        watch.Fired = alert;
        watch.FiredAt = receivedAt;
    }

    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is null || to is null ? null : Math.Round((to.Value - from.Value).TotalSeconds, 1);
}
