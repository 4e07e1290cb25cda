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
            "pipeline_jobs", "pipeline_queue_depth", "pipeline_queue_oldest_age_seconds", "pipeline_deadletter_jobs",
            "pipeline_stage_oldest_job_age_seconds", "pipeline_job_retries_total", "pipeline_uploads_total",
            "pipeline_http_request_duration_seconds_bucket", "pipeline_webhook_deliveries_total",
            "pipeline_db_pool_connections", "pipeline_db_pool_max_connections",
        ],
        ["base-worker"] =
        [
            .. Process,
            "pipeline_worker_stage_duration_seconds_bucket", "pipeline_provider_requests_total",
            "pipeline_db_pool_connections", "pipeline_db_pool_max_connections",
        ],
        ["mock-llamaparse"] = Process,
        ["mock-openai"] = Process,
    };
}
