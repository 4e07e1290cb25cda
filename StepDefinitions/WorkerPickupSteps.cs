using Acceptance.Support.Analysis;

namespace Acceptance.StepDefinitions;

/// <summary>Documents arriving at an idle pipeline, and how long they waited for a worker to notice them.</summary>
[Binding]
public sealed class WorkerPickupSteps(
    DocumentUploader uploader, JobProgress progress, PipelineDatabaseDriver database, UploadedDocuments uploads,
    EvidenceRecorder evidence)
{
    /// <summary>A business limit for one small policy's whole journey, stretched by the run's time scale.</summary>
    private static readonly TimeSpan EmbeddedWithin = TimeSpan.FromSeconds(60);

    [When("{persona} uploads {int} insurance policies, each once the one before is embedded")]
    public async Task WhenPersonaUploadsPoliciesOneAfterAnother(Persona persona, int count)
    {
        foreach (var policy in TestDocuments.PolicyBatch(count))
        {
            var upload = await uploader.UploadAsync(persona, policy);
            await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, EmbeddedWithin);
        }
    }

    [Then("a finished parse was taken up by a worker within {int} milliseconds on average")]
    public async Task ThenAFinishedParseWasTakenUpWithin(int milliseconds)
    {
        var pickups = new List<(string Document, WorkerPickup? Pickup)>();
        foreach (var upload in uploads.Accepted)
            pickups.Add((upload.Document.FileName, WorkerPickup.From(await database.EventsOfJobAsync(upload.Outcome.JobId!))));
        // A parse the worker's own status check finds first has no notice to measure from; most must have one.
        var afterParse = pickups.Select(p => p.Pickup?.AfterParse).OfType<TimeSpan>().ToList();
        var average = afterParse.Count == 0 ? (TimeSpan?)null : TimeSpan.FromMilliseconds(afterParse.Average(t => t.TotalMilliseconds));
        evidence.AttachJson("worker-pickups", new
        {
            policies = pickups.Select(p => new
            {
                document = p.Document,
                afterArrivalMs = p.Pickup is null ? (double?)null : Math.Round(p.Pickup.AfterArrival.TotalMilliseconds, 1),
                afterParseMs = p.Pickup?.AfterParse is { } parse ? Math.Round(parse.TotalMilliseconds, 1) : (double?)null,
            }),
            baselines = average is null ? [] : new[]
            {
                new { name = "idle pickup: a finished parse taken up (mean)", value = Math.Round(average.Value.TotalMilliseconds, 1), unit = "ms", better = "lower" },
            },
        });

        pickups.Should().NotBeEmpty("policies were uploaded").And.OnlyContain(p => p.Pickup != null,
            "every policy's audit trail must show its arrival and a worker taking it up");
        afterParse.Should().HaveCountGreaterThanOrEqualTo((pickups.Count + 1) / 2,
            "the parser's completion notices must reach the pipeline for most policies");
        average!.Value.Should().BeLessThan(TimeSpan.FromMilliseconds(milliseconds),
            "idle workers must be woken when a parse is done, not find the job at their next poll " +
            $"(waits after each parse: {string.Join(", ", afterParse.Select(t => $"{t.TotalMilliseconds:F0} ms"))})");
    }
}
