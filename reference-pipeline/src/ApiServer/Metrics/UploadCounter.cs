namespace ApiServer.Metrics;

/// <summary>What became of an upload request, as operators count them.</summary>
public enum UploadOutcome
{
    Accepted,
    Deduplicated,
    Rejected,
    Failed,
}

/// <summary>Counts upload requests by outcome.</summary>
public interface IUploadCounter
{
    void Count(UploadOutcome outcome);
}

/// <summary>Counts them in <c>pipeline_uploads_total{outcome}</c>.</summary>
public sealed class UploadCounter(PipelineMetrics metrics) : IUploadCounter
{
    public void Count(UploadOutcome outcome) => metrics.Uploads.WithLabels(outcome switch
    {
        UploadOutcome.Accepted => "accepted",
        UploadOutcome.Deduplicated => "deduplicated",
        UploadOutcome.Rejected => "rejected",
        _ => "failed",
    }).Inc();
}
