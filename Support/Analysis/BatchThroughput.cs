namespace Acceptance.Support.Analysis;

/// <summary>A batch's throughput and slowest document, in the readiness report's baseline convention.</summary>
public static class BatchThroughput
{
    public static object Of(IReadOnlyList<StageTimeline> timelines)
    {
        var slowest = timelines.Max(t => t.Total.TotalSeconds);
        // From the first document entering the pipeline to the last one embedded.
        var span = (timelines.Max(t => t.Ended) - timelines.Min(t => t.Began))?.TotalSeconds ?? 0;
        var perMinute = span > 0 ? timelines.Count / (span / 60) : 0;
        return new
        {
            documents = timelines.Count,
            batchSeconds = Math.Round(span, 3),
            slowestDocumentSeconds = Math.Round(slowest, 3),
            baselines = new object[]
            {
                new { name = $"batch of {timelines.Count}: slowest document end to end", value = Math.Round(slowest, 3), unit = "s", better = "lower" },
                new { name = $"batch of {timelines.Count}: throughput", value = Math.Round(perMinute, 1), unit = "documents/min", better = "higher" },
            },
        };
    }
}
