using Acceptance.Support.Recovery;

namespace Acceptance.StepDefinitions;

/// <summary>What a worker's crash, stop or freeze must not change: another worker finishes, nothing lost, doubled or overwritten late.</summary>
[Binding]
public sealed class CrashOutcomeSteps(
    JobProgress progress, PipelineDatabaseDriver database, UploadedDocuments uploads, CrashContext crash, RecoveryMeter recovery,
    EvidenceRecorder evidence)
{
    [Then("the frozen worker's late work changes nothing")]
    public async Task ThenTheFrozenWorkersLateWorkChangesNothing()
    {
        var upload = uploads.Last;
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, TimeSpan.FromSeconds(60));
        var events = await database.EventsOfJobAsync(upload.Outcome.JobId!);
        var transitions = await database.StageTransitionsAsync(upload.Outcome.JobId!);
        evidence.AttachJson("audit-trail", transitions);
        var takenOverAt = events.First(e => e.EventType == EventTypes.LeaseReclaimed).At;
        transitions.Should().NotContain(t => t.WorkerId == crash.Holder && t.At > takenOverAt,
            "a worker whose lease was taken over must not commit anything any more");
        job.Embedded.Should().BeTrue($"the document must still be finished, but its job ended {job}");
        (await database.RowCountsAsync(upload.Outcome.DocumentId!)).Should().Match<DocumentRowCounts>(c => c.FinalChunks == c.DistinctFinalOrdinals);
    }

    [Then("another worker finishes {persona}'s copy within {duration}")]
    public async Task ThenAnotherWorkerFinishesTheCopy(Persona persona, TimeSpan limit)
    {
        var upload = uploads.Last;
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, limit);
        job.Stage.Should().Be(Stages.Embedded, $"the document should be finished by another worker, but its job ended {job}");
        var finisher = (await database.StageTransitionsAsync(upload.Outcome.JobId!)).Last().WorkerId;
        finisher.Should().NotBe(crash.Holder, "the killed worker cannot have finished it");
        await recovery.MeasureAsync([upload.Outcome.JobId!]);
    }

    [Then("{persona}'s chunks and vectors are identical to {persona}'s")]
    public async Task ThenChunksAndVectorsAreIdentical(Persona disturbed, Persona undisturbed)
    {
        var mine = await database.FinalChunksAsync(uploads.Last.Outcome.DocumentId!);
        var reference = await database.FinalChunksAsync(crash.Reference!.Outcome.DocumentId!);
        evidence.AttachJson("chunk-comparison", new { disturbed = mine.Count, undisturbed = reference.Count });
        mine.Should().HaveCount(reference.Count, "a crash must neither lose nor duplicate chunks");
        mine.Zip(reference).Should().OnlyContain(pair => pair.First.Ordinal == pair.Second.Ordinal
            && pair.First.Content == pair.Second.Content && pair.First.Embedding.SequenceEqual(pair.Second.Embedding));
    }

    [Then("the crash counts as an attempt")]
    public async Task ThenTheCrashCountsAsAnAttempt()
    {
        var jobId = uploads.Last.Outcome.JobId!;
        (await database.EventCountAsync(jobId, EventTypes.LeaseReclaimed)).Should().BeGreaterThanOrEqualTo(1, "another worker took over the expired lease");
        (await database.JobAsync(jobId)).RetryCount.Should().BeGreaterThanOrEqualTo(1, "a crash is a failed attempt");
    }
}
