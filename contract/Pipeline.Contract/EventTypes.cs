namespace Pipeline.Contract;

/// <summary>The audit-trail event types written to <c>upload_pipeline.events</c>, by every service.</summary>
public static class EventTypes
{
    /// <summary>The api-server accepted an upload and queued its job.</summary>
    public const string UploadReceived = "upload_received";
    public const string StageTransition = "stage_transition";
    public const string RetryScheduled = "retry_scheduled";
    public const string Deadlettered = "deadlettered";
    public const string LeaseReclaimed = "lease_reclaimed";
    public const string Released = "released";
    public const string WaitingForParser = "waiting_for_parser";
    /// <summary>A signed parser webhook made the job waiting for it due now.</summary>
    public const string WebhookReceived = "webhook_received";
    /// <summary>A set-aside job went back to work: its dependency was healthy again, an operator requeued it, or its bytes were uploaded again.</summary>
    public const string Requeued = "requeued";
}
