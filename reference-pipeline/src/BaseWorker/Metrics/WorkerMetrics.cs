using System.Diagnostics;
using Pipeline.Core.Metrics;
using Prometheus;
using Pipeline.Contract;

namespace BaseWorker.Metrics;

/// <summary>
/// The worker's own Prometheus series: what only the process doing the work can see (how long a
/// stage ran, why a job failed, what the providers answered) plus the process itself (CPU,
/// memory, GC) and the Npgsql connection pool. Pipeline-wide backlog comes from the api-server,
/// which reads the queue; these series add the view from inside each worker.
/// </summary>
public sealed class WorkerMetrics : IDisposable
{
    /// <summary>From 10 ms to about 10 minutes: stages range from a row update to a long embedding batch.</summary>
    private static readonly double[] StageBuckets = Histogram.ExponentialBuckets(0.01, 2, 17);

    private readonly Histogram _stageDuration;
    private readonly Counter _jobFailures;
    private readonly Counter _providerRequests;
    private readonly ConnectionPoolGauges _pool;

    public WorkerMetrics()
    {
        DotNetStats.Register(Registry);
        LiveHeapGauge.Register(Registry);
        _pool = new ConnectionPoolGauges(Registry);

        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _stageDuration = factory.CreateHistogram(MetricNames.WorkerStageDuration,
            "How long a worker took to run a stage to its commit, by the stage it ran.",
            new HistogramConfiguration { LabelNames = ["stage"], Buckets = StageBuckets });
        _jobFailures = factory.CreateCounter(MetricNames.WorkerJobFailures,
            "Failed stage runs by stage, error code (the dead-letter code when it is final) and outcome (retry, deadletter).",
            "stage", "code", "outcome");
        _providerRequests = factory.CreateCounter(MetricNames.ProviderRequests,
            "Requests to the paid providers by provider (llamaparse, openai) and HTTP status (or unreachable, timeout).",
            "provider", "status");
    }

    /// <summary>Its own registry, so several workers in one test process never share series.</summary>
    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>Starts timing a stage; <see cref="StageTimer.Completed"/> records it (failed runs are counted as failures instead).</summary>
    public StageTimer StartStage(string stage) => new(_stageDuration.WithLabels(stage), Stopwatch.StartNew());

    public void JobFailed(string stage, string code, bool deadlettered) =>
        _jobFailures.WithLabels(stage, code, deadlettered ? "deadletter" : "retry").Inc();

    public void ProviderAnswered(string provider, string status) => _providerRequests.WithLabels(provider, status).Inc();

    public void Dispose() => _pool.Dispose();

    public readonly record struct StageTimer(Histogram.Child Series, Stopwatch Clock)
    {
        public void Completed() => Series.Observe(Clock.Elapsed.TotalSeconds);
    }
}
