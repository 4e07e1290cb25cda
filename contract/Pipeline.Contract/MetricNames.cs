namespace Pipeline.Contract;

/// <summary>
/// The Prometheus series a pipeline exposes on <c>/metrics</c> and the suite, its dashboards and its alert
/// rules read (docs/contract.md, "Metrics"; labels in docs/contract/contract.json).
/// </summary>
public static class MetricNames
{
    // ---- api-server: uploads and HTTP ----
    /// <summary>Counter, label <c>outcome</c> (accepted, deduplicated, rejected, failed).</summary>
    public const string Uploads = "pipeline_uploads_total";
    /// <summary>Counter, label <c>reason</c> (the error key).</summary>
    public const string UploadRejections = "pipeline_upload_rejections_total";
    /// <summary>Histogram, labels <c>code, method, controller, action, endpoint</c>.</summary>
    public const string HttpRequestDuration = "pipeline_http_request_duration_seconds";
    /// <summary>Counter, label <c>status</c> (the HTTP status answered to a parser webhook).</summary>
    public const string WebhookDeliveries = "pipeline_webhook_deliveries_total";

    // ---- api-server: the queue, from the database ----
    /// <summary>Gauge, labels <c>stage, state</c>.</summary>
    public const string Jobs = "pipeline_jobs";
    public const string QueueDepth = "pipeline_queue_depth";
    public const string QueueOldestAge = "pipeline_queue_oldest_age_seconds";
    public const string DeadletterJobs = "pipeline_deadletter_jobs";
    /// <summary>Counter, label <c>stage</c> (the stage entered).</summary>
    public const string StageTransitions = "pipeline_stage_transitions_total";
    public const string JobRetries = "pipeline_job_retries_total";
    /// <summary>Gauge, labels <c>stage, quantile</c>.</summary>
    public const string StageDuration = "pipeline_stage_duration_seconds";
    /// <summary>Gauge, label <c>stage</c>.</summary>
    public const string StageDurationSamples = "pipeline_stage_duration_samples";
    /// <summary>Gauge, label <c>stage</c>.</summary>
    public const string StageOldestJobAge = "pipeline_stage_oldest_job_age_seconds";

    // ---- base-worker ----
    /// <summary>Histogram, label <c>stage</c>.</summary>
    public const string WorkerStageDuration = "pipeline_worker_stage_duration_seconds";
    /// <summary>Counter, labels <c>stage, code, outcome</c> (retry, deadletter).</summary>
    public const string WorkerJobFailures = "pipeline_worker_job_failures_total";
    /// <summary>Counter, labels <c>provider</c> (llamaparse, openai), <c>status</c>.</summary>
    public const string ProviderRequests = "pipeline_provider_requests_total";

    // ---- every service that holds a database pool ----
    /// <summary>Gauge, label <c>state</c> (idle, used).</summary>
    public const string DbPoolConnections = "pipeline_db_pool_connections";
    public const string DbPoolMaxConnections = "pipeline_db_pool_max_connections";
    public const string DbPoolPendingRequests = "pipeline_db_pool_pending_requests";

    // ---- optional, any service on a garbage-collected runtime ----
    /// <summary>
    /// Gauge, bytes: the objects still alive after the service's most recent full (generation 2) collection.
    /// Unlike resident memory it does not drift with the heap's growth, compiled code or pools, so the soak's
    /// leak detector prefers it; a service without it is judged by resident memory, less finely.
    /// </summary>
    public const string LiveHeapAfterFullCollection = "pipeline_gc_live_heap_after_full_collection_bytes";
}
