using Pipeline.Core.Metrics;
using Prometheus;
using Pipeline.Contract;

namespace ApiServer.Metrics;

/// <summary>
/// The api-server's Prometheus series, in a registry of its own so that several servers in one
/// process (tests) never share counters or scrape callbacks.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    private readonly ConnectionPoolGauges _pool;

    public PipelineMetrics()
    {
        // Process series (CPU, memory, GC, threads) and the Npgsql connection pool.
        DotNetStats.Register(Registry);
        LiveHeapGauge.Register(Registry);
        _pool = new ConnectionPoolGauges(Registry);

        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Uploads = factory.CreateCounter(MetricNames.Uploads,
            "Upload requests by outcome (accepted, deduplicated, rejected, failed).", "outcome");
        UploadRejections = factory.CreateCounter(MetricNames.UploadRejections,
            "Refused uploads by error key.", "reason");
        HttpRequestDuration = factory.CreateHistogram(MetricNames.HttpRequestDuration,
            "HTTP request duration by status code, method, controller and action.",
            new HistogramConfiguration
            {
                LabelNames = ["code", "method", "controller", "action", "endpoint"],
                Buckets = Histogram.ExponentialBuckets(0.001, 2, 16),
            });

        Jobs = factory.CreateGauge(MetricNames.Jobs, "Jobs by stage and state.", "stage", "state");
        QueueDepth = factory.CreateGauge(MetricNames.QueueDepth, "Jobs due for a worker that none has claimed yet.");
        QueueOldestAge = factory.CreateGauge(MetricNames.QueueOldestAge, "How long the oldest due, unclaimed job has waited.");
        DeadletterJobs = factory.CreateGauge(MetricNames.DeadletterJobs, "Jobs in dead letter.");
        StageTransitions = factory.CreateCounter(MetricNames.StageTransitions,
            "Stage transitions recorded in the audit trail, by stage entered.", "stage");
        JobRetries = factory.CreateCounter(MetricNames.JobRetries, "Retries scheduled, from the audit trail.");
        StageDuration = factory.CreateGauge(MetricNames.StageDuration,
            "Time jobs spent in each stage over the last hour, as quantiles computed from the audit trail.",
            "stage", "quantile");
        StageDurationSamples = factory.CreateGauge(MetricNames.StageDurationSamples,
            "How many completed stage spans the duration quantiles are computed from.", "stage");
        WebhookDeliveries = factory.CreateCounter(MetricNames.WebhookDeliveries,
            "Parser completion webhooks received, by the HTTP status answered (202 accepted or ignored, 401 forged, 4xx malformed).",
            "status");
        StageOldestJobAge = factory.CreateGauge(MetricNames.StageOldestJobAge,
            "Per stage, how long the unfinished job that entered it longest ago has been in it (0: none there).", "stage");
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public Counter Uploads { get; }
    public Counter UploadRejections { get; }
    public Histogram HttpRequestDuration { get; }
    public Gauge Jobs { get; }
    public Gauge QueueDepth { get; }
    public Gauge QueueOldestAge { get; }
    public Gauge DeadletterJobs { get; }
    public Counter StageTransitions { get; }
    public Counter JobRetries { get; }
    public Gauge StageDuration { get; }
    public Gauge StageDurationSamples { get; }
    public Counter WebhookDeliveries { get; }
    public Gauge StageOldestJobAge { get; }

    public void Dispose() => _pool.Dispose();
}
