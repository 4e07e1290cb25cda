using Pipeline.Core.Metrics;
using Prometheus;

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
        _pool = new ConnectionPoolGauges(Registry);

        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Uploads = factory.CreateCounter("pipeline_uploads_total",
            "Upload requests by outcome (accepted, deduplicated, rejected, failed).", "outcome");
        UploadRejections = factory.CreateCounter("pipeline_upload_rejections_total",
            "Refused uploads by error key.", "reason");
        HttpRequestDuration = factory.CreateHistogram("pipeline_http_request_duration_seconds",
            "HTTP request duration by status code, method, controller and action.",
            new HistogramConfiguration
            {
                LabelNames = ["code", "method", "controller", "action", "endpoint"],
                Buckets = Histogram.ExponentialBuckets(0.001, 2, 16),
            });

        Jobs = factory.CreateGauge("pipeline_jobs", "Jobs by stage and state.", "stage", "state");
        QueueDepth = factory.CreateGauge("pipeline_queue_depth", "Jobs due for a worker that none has claimed yet.");
        QueueOldestAge = factory.CreateGauge("pipeline_queue_oldest_age_seconds", "How long the oldest due, unclaimed job has waited.");
        DeadletterJobs = factory.CreateGauge("pipeline_deadletter_jobs", "Jobs in dead letter.");
        StageTransitions = factory.CreateCounter("pipeline_stage_transitions_total",
            "Stage transitions recorded in the audit trail, by stage entered.", "stage");
        JobRetries = factory.CreateCounter("pipeline_job_retries_total", "Retries scheduled, from the audit trail.");
        StageDuration = factory.CreateGauge("pipeline_stage_duration_seconds",
            "Time jobs spent in each stage over the last hour, as quantiles computed from the audit trail.",
            "stage", "quantile");
        StageDurationSamples = factory.CreateGauge("pipeline_stage_duration_samples",
            "How many completed stage spans the duration quantiles are computed from.", "stage");
        WebhookDeliveries = factory.CreateCounter("pipeline_webhook_deliveries_total",
            "Parser completion webhooks received, by the HTTP status answered (202 accepted or ignored, 401 forged, 4xx malformed).",
            "status");
        StageOldestJobAge = factory.CreateGauge("pipeline_stage_oldest_job_age_seconds",
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
