using Acceptance.Support.Contexts;
using Acceptance.Support.Control;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Acceptance.Support.Evidence;
using Acceptance.Support.Recovery;
using Acceptance.Support.TestData;
using Acceptance.Support.Waiting;
using FluentAssertions;
using Pipeline.TestKit;
using Reqnroll;

namespace Acceptance.StepDefinitions;

/// <summary>Pipeline processes dying, stopping and restarting under the suite's hand.</summary>
[Binding]
public sealed class ServiceControlSteps(
    IPipelineEnvironment environment, PipelineApiDriver api, PipelineDatabaseDriver database, JobProgress progress,
    Waiter waiter, ScenarioUsers users, UploadedDocuments uploads, FaultWindow fault, RecoveryMeter recovery,
    EvidenceRecorder evidence, CrashContext crash, ServiceLogReader logs)
{
    private static readonly TimeSpan StageLinger = TimeSpan.FromSeconds(4);
    private IServiceController Control => environment.Control;

    [Given("{persona}'s copy of {document} was embedded undisturbed")]
    public async Task GivenACopyWasEmbeddedUndisturbed(Persona persona, TestDocument document)
    {
        var userId = users.IdOf(persona.Name);
        var upload = new Upload(userId, document, await api.UploadAsync(userId, document.FileName, document.Bytes));
        (await progress.UntilFinishedAsync(userId, upload.Outcome, TimeSpan.FromSeconds(60))).Stage.Should().Be("embedded");
        crash.Reference = upload;
    }

    [Given("{persona}'s copy of {document} is held by a worker in the {stage} stage")]
    public async Task GivenACopyIsHeldByAWorkerInStage(Persona persona, TestDocument document, StageName stage)
    {
        // A test-only setting makes workers linger in the stage, so the crash lands inside it.
        await Control.RestartWorkersWithAsync(new Dictionary<string, string>
        {
            ["PIPELINE_STAGE_DELAYS"] = $"{stage.Value}={(int)StageLinger.TotalMilliseconds}",
        });
        var userId = users.IdOf(persona.Name);
        var upload = new Upload(userId, document, await api.UploadAsync(userId, document.FileName, document.Bytes));
        uploads.Add(upload);
        // Held mid-stage: the row says so, and the worker has announced its pause inside the stage.
        var job = await waiter.UntilAsync($"a worker holding the document mid-way through {stage.Value}",
            async () => (Row: await database.JobAsync(upload.Outcome.JobId!), Paused: logs.WorkerPausedInStage(upload.Outcome.JobId!, stage.Value)),
            seen => seen.Row.Stage == stage.Value && seen.Row.State == "working" && seen.Row.ClaimedBy is not null && seen.Paused,
            TimeSpan.FromSeconds(30),
            seen => $"{seen.Row.Stage}/{seen.Row.State} held by {seen.Row.ClaimedBy ?? "nobody"}, paused in stage: {seen.Paused}");
        crash.Holder = job.Row.ClaimedBy;
    }

    [When("that worker is killed without warning")]
    public async Task WhenThatWorkerIsKilled()
    {
        fault.Begin($"worker killed in {(await database.JobAsync(uploads.Last.Outcome.JobId!)).Stage}");
        await Control.KillAsync(crash.Holder!);
        fault.End();
    }

    [When("that worker is asked to stop")]
    public async Task WhenThatWorkerIsAskedToStop()
    {
        fault.Begin("worker stopped gracefully");
        crash.GracefulStop = await Control.StopGracefullyAsync(crash.Holder!, TimeSpan.FromSeconds(30));
        fault.End();
    }

    [When("that worker freezes until another worker has taken {persona}'s copy over")]
    public async Task WhenThatWorkerFreezesUntilTakenOver(Persona persona)
    {
        var jobId = uploads.Last.Outcome.JobId!;
        fault.Begin("worker frozen past its lease");
        await Control.PauseAsync(crash.Holder!);
        await waiter.UntilAsync("another worker taking over the frozen worker's document",
            () => database.JobAsync(jobId),
            row => row.State == "working" && row.ClaimedBy is not null && row.ClaimedBy != crash.Holder,
            TimeSpan.FromSeconds(30),
            row => $"{row.Stage}/{row.State} held by {row.ClaimedBy ?? "nobody"}");
        await Control.ResumeAsync(crash.Holder!);
        fault.End();
    }

    [Then("the frozen worker's late work changes nothing")]
    public async Task ThenTheFrozenWorkersLateWorkChangesNothing()
    {
        var upload = uploads.Last;
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, TimeSpan.FromSeconds(60));
        var events = await database.EventsOfJobAsync(upload.Outcome.JobId!);
        var transitions = await database.StageTransitionsAsync(upload.Outcome.JobId!);
        evidence.AttachJson("audit-trail", transitions);
        var takenOverAt = events.First(e => e.EventType == "lease_reclaimed").At;
        transitions.Should().NotContain(t => t.WorkerId == crash.Holder && t.At > takenOverAt,
            "a worker whose lease was taken over must not commit anything any more");
        (job.Stage, job.State).Should().Be(("embedded", "done"));
        (await database.RowCountsAsync(upload.Outcome.DocumentId!)).Should().Match<DocumentRowCounts>(c => c.FinalChunks == c.DistinctFinalOrdinals);
    }

    [Then("another worker finishes {persona}'s copy within {duration}")]
    public async Task ThenAnotherWorkerFinishesTheCopy(Persona persona, TimeSpan limit)
    {
        var upload = uploads.Last;
        var job = await progress.UntilFinishedAsync(upload.UserId, upload.Outcome, limit);
        job.Stage.Should().Be("embedded", $"the document should be finished by another worker, but its job ended {job}");
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
        (await database.EventCountAsync(jobId, "lease_reclaimed")).Should().BeGreaterThanOrEqualTo(1, "another worker took over the expired lease");
        (await database.JobAsync(jobId)).RetryCount.Should().BeGreaterThanOrEqualTo(1, "a crash is a failed attempt");
    }

    [Then("the worker stops within its shutdown deadline")]
    public void ThenTheWorkerStopsWithinItsDeadline()
    {
        var stop = crash.GracefulStop!;
        evidence.AttachJson("graceful-stop", new { stop.ExitedInTime, stop.ExitCode, seconds = stop.Took.TotalSeconds });
        stop.ExitedInTime.Should().BeTrue("a worker asked to stop must finish or hand back its work and exit");
        stop.ExitCode.Should().Be(0, "a requested stop is not a crash");
    }

    [Then("the upload is refused as temporarily unavailable with a retry hint")]
    public void ThenTheUploadIsRefusedAsTemporarilyUnavailable()
    {
        var outcome = uploads.Last.Outcome;
        outcome.StatusCode.Should().Be(503, $"the client should be told to come back later ({outcome.ErrorKey}: {outcome.ErrorMessage})");
        outcome.ErrorKey.Should().Be("database-unavailable");
        outcome.RetryAfter.Should().NotBeNullOrEmpty("the client should be told when to try again");
    }

    [Then("the service reports itself alive but not ready")]
    public async Task ThenTheServiceIsAliveButNotReady()
    {
        (await api.LivenessAsync()).Should().Be(200, "the process itself is fine");
        (await api.ReadinessAsync()).Should().Be(503, "it cannot serve uploads without its database");
    }

    [Then("no pipeline process has stopped")]
    public void ThenNoPipelineProcessHasStopped()
    {
        foreach (var service in environment.LogFiles.Keys)
            Control.IsRunning(service).Should().BeTrue($"{service} must ride out the outage, not crash");
    }
}
