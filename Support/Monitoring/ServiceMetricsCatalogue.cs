namespace Acceptance.Support.Monitoring;

/// <summary>
/// The series each service must report for operators to run the pipeline: the ones the alert
/// rules and runbooks read, plus the process itself. Labelled series that only exist after a
/// first event (failures by code, provider answers by status) are checked where the event happens.
/// </summary>
public static class ServiceMetricsCatalogue
{
    private static readonly string[] Process = ["process_cpu_seconds_total", "process_working_set_bytes", "process_start_time_seconds"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Required = new Dictionary<string, IReadOnlyList<string>>
    {
        ["api-server"] =
        [
            .. Process,
            MetricNames.Jobs, MetricNames.QueueDepth, MetricNames.QueueOldestAge, MetricNames.DeadletterJobs,
            MetricNames.StageOldestJobAge, MetricNames.JobRetries, MetricNames.Uploads,
            MetricNames.HttpRequestDuration + "_bucket", MetricNames.WebhookDeliveries,
            MetricNames.DbPoolConnections, MetricNames.DbPoolMaxConnections,
        ],
        ["base-worker"] =
        [
            .. Process,
            MetricNames.WorkerStageDuration + "_bucket", MetricNames.ProviderRequests,
            MetricNames.DbPoolConnections, MetricNames.DbPoolMaxConnections,
        ],
        ["mock-llamaparse"] = Process,
        ["mock-openai"] = Process,
    };
}
