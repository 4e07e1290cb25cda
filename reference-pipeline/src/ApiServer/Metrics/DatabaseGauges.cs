using ApiServer.Data;
using Pipeline.Core;
using Pipeline.Contract;

namespace ApiServer.Metrics;

/// <summary>
/// Refreshes the pipeline-wide series from the database on every scrape. A scrape during a
/// database outage keeps the last values instead of failing: /metrics must stay up to report
/// the outage through the HTTP series.
/// </summary>
public sealed class DatabaseGauges(PipelineMetrics metrics, PipelineStatsReader reader, ILogger<DatabaseGauges> logger)
{
    private static readonly TimeSpan ScrapeBudget = TimeSpan.FromSeconds(2);

    public void Register() => metrics.Registry.AddBeforeCollectCallback(RefreshAsync);

    private async Task RefreshAsync(CancellationToken scrapeCancelled)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(scrapeCancelled);
        budget.CancelAfter(ScrapeBudget);
        PipelineStats stats;
        try
        {
            stats = await reader.ReadAsync(budget.Token);
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) || exception is OperationCanceledException)
        {
            logger.LogDebug("Skipped database metrics: {Reason}", exception.Message);
            return;
        }

        // Every stage x state pair is published, zero included, so series never vanish.
        foreach (var stage in Stages.InOrder)
        foreach (var state in JobStates.All)
        {
            metrics.Jobs.WithLabels(stage, state).Set(stats.Jobs.GetValueOrDefault((stage, state)));
        }
        metrics.QueueDepth.Set(stats.QueueDepth);
        metrics.QueueOldestAge.Set(stats.QueueOldestAgeSeconds);
        metrics.DeadletterJobs.Set(stats.DeadletterJobs);
        foreach (var stage in Stages.InOrder)
        {
            metrics.StageTransitions.WithLabels(stage).IncTo(stats.StageTransitions.GetValueOrDefault(stage));
        }
        metrics.JobRetries.IncTo(stats.Retries);
        foreach (var duration in stats.StageDurations)
        {
            metrics.StageDuration.WithLabels(duration.Stage, "0.5").Set(duration.P50Seconds);
            metrics.StageDuration.WithLabels(duration.Stage, "0.95").Set(duration.P95Seconds);
            metrics.StageDurationSamples.WithLabels(duration.Stage).Set(duration.Samples);
        }
        foreach (var stage in Stages.InOrder)
        {
            metrics.StageOldestJobAge.WithLabels(stage).Set(stats.StageOldestJobAgeSeconds.GetValueOrDefault(stage));
        }
    }
}
