using Acceptance.Support.Recovery;

namespace Acceptance.StepDefinitions;

/// <summary>How the pipeline came through a dependency's outage: waiting politely, staying ready, losing nothing, recovering in time.</summary>
[Binding]
public sealed class OutageRecoverySteps(
    JobProgress progress, PipelineDatabaseDriver database, UploadedDocuments uploads, FaultWindow fault, RecoveryMeter recovery,
    EvidenceRecorder evidence)
{
    [Then("{document} is embedded within {duration}")]
    public async Task ThenDocumentIsEmbeddedWithin(TestDocument document, TimeSpan limit)
    {
        var upload = uploads.All.Last(u => u.Document.FileName == document.FileName);
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, limit);
        job.Stage.Should().Be(Stages.Embedded, $"{document.FileName} should be embedded, but its job ended {job}");
    }

    [Then("while the parser was down each document waited as retryable, longer each time")]
    public async Task ThenEachDocumentWaitedLongerEachTime()
    {
        foreach (var upload in uploads.All)
        {
            var retries = (await database.RetriesAsync(upload.Outcome.JobId!)).Where(r => r.At <= fault.Ended).ToList();
            evidence.AttachJson($"retries-{upload.Document.FileName}", retries);
            retries.Should().HaveCountGreaterThanOrEqualTo(2);
            retries.Select(r => r.Code).Should().OnlyContain(code => code == Reasons.ParserUnavailable);
            retries.Select(r => r.Failure).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("every failed attempt is counted");
            retries.Select(r => r.DelayMs).Should().BeInAscendingOrder("the wait between attempts grows");
        }
    }

    [Then("the service stayed ready while the parser was down")]
    public void ThenTheServiceStayedReady() =>
        fault.ReadinessSeen.Should().NotBeEmpty().And.OnlyContain(health => health == Health.Up, "a parser outage must not take the upload service down");

    [Then("nothing of the batch was lost or stored twice")]
    public async Task ThenNothingOfTheBatchWasLostOrStoredTwice()
    {
        foreach (var upload in uploads.Accepted)
        {
            var counts = await database.RowCountsAsync(upload.Outcome.DocumentId!);
            counts.Should().Match<DocumentRowCounts>(c => c.Documents == 1 && c.Jobs == 1 && c.FinalChunks > 0
                && c.FinalChunks == c.DistinctFinalOrdinals && c.BufferedChunks == 0 && c.BufferedVectors == 0,
                $"{upload.Document.FileName} must be complete, once, with nothing left staged (found {counts})");
        }
    }

    [Then("the pipeline recovered within {duration} of the fault's end")]
    public async Task ThenThePipelineRecoveredWithin(TimeSpan limit)
    {
        var measured = await recovery.MeasureAsync(uploads.Accepted.Select(u => u.Outcome.JobId!).ToList());
        measured.RecoverySeconds.Should().NotBeNull("work must move again after the fault ends");
        measured.RecoverySeconds!.Value.Should().BeLessThanOrEqualTo(limit.TotalSeconds);
    }
}
