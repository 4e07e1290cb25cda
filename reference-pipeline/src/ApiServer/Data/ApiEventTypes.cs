namespace ApiServer.Data;

/// <summary>Audit-trail event types only the api-server writes (the shared ones live in Pipeline.Core's EventTypes).</summary>
public static class ApiEventTypes
{
    public const string UploadReceived = "upload_received";
    public const string WebhookReceived = "webhook_received";
}
