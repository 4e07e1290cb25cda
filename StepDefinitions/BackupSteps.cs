using Acceptance.Support.Backup;
using Acceptance.Support.Configuration;
using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Evidence;
using Acceptance.Support.TestData;
using Acceptance.Support.Waiting;
using Acceptance.Support.Workload;
using FluentAssertions;
using Pipeline.TestKit;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>Backups, losing the database and the stored files, and restoring them.</summary>
[Binding]
public sealed class BackupSteps(
    PipelineBackup backup, RecoveryDrill drill, BatchUploader uploader, JobProgress progress, PipelineApiDriver api,
    MockOpenAiDriver openAi, ScenarioUsers users, Waiter waiter, SuiteOptions options, EvidenceRecorder evidence,
    IUnitTestRuntimeProvider runtime)
{
    private static readonly TimeSpan EmbeddedWithin = TimeSpan.FromSeconds(60);

    [Given("the pipeline is backed up continuously, starting with a full backup")]
    public async Task GivenContinuousBackup()
    {
        if (backup.UnavailableBecause is { } reason) runtime.TestIgnore($"This scenario restores the database server and {reason}.");
        await backup.EnableArchivingAsync();
        drill.BaseBackup = await backup.TakeBaseBackupAsync();
    }

    [Given("{persona} has uploaded a batch of {int} insurance documents since, all embedded")]
    public async Task GivenABatchEmbeddedSinceTheBackup(Persona persona, int count)
    {
        var userId = users.IdOf(persona.Name);
        var uploads = await uploader.UploadAsync(userId, TestDocuments.PolicyBatch(count), concurrency: 3);
        var jobs = await Task.WhenAll(uploads.Select(u => progress.UntilFinishedAsync(userId, u.Outcome, EmbeddedWithin)));
        jobs.Should().OnlyContain(j => j.Stage == JobProgress.FinalStage, "the batch must be embedded before the drill");
    }

    [Given("{persona} has {int} more documents in flight")]
    public async Task GivenDocumentsInFlight(Persona persona, int count)
    {
        // Slow embedding keeps them mid-pipeline while the loss strikes.
        await openAi.SlowDownAsync(TimeSpan.FromSeconds(3));
        var userId = users.IdOf(persona.Name);
        var documents = TestDocuments.PolicyBatch(count + 10).TakeLast(count).ToList();
        drill.InFlight = (await uploader.UploadAsync(userId, documents, concurrency: count))
            .Select(u => new Upload(userId, u.Document, u.Outcome)).ToList();
        drill.InFlight.Should().OnlyContain(u => u.Outcome.Accepted);
    }

    [Given("an operator has deleted {persona}'s documents by mistake")]
    public async Task GivenABadDeletion(Persona persona)
    {
        // The documents had been in the archive for a while when the mistake happened.
        await backup.WaitUntilArchivedAsync();
        drill.Before = await backup.SnapshotAsync();
        drill.DeletedUserId = users.IdOf(persona.Name);
        drill.RestoredToBefore = DateTimeOffset.UtcNow;
        (await backup.DeleteDocumentsOfAsync(drill.DeletedUserId)).Should().BePositive("there were documents to delete");
        await backup.WaitUntilArchivedAsync();
    }

    [When("the database server and the stored files are lost and restored from the archive to the latest point")]
    public async Task WhenLostAndRestoredToTheLatestPoint()
    {
        drill.LastCommitAt = DateTimeOffset.UtcNow;
        drill.ArchivedAt = await backup.WaitUntilArchivedAsync();
        drill.Before = await backup.SnapshotAsync();
        drill.LostAt = await backup.LoseDatabaseAndFilesAsync();
        await backup.RestoreAsync();
        await WaitUntilServingAsync();
    }

    [When("the pipeline is restored to the moment before the deletion")]
    public async Task WhenRestoredToTheMomentBeforeTheDeletion()
    {
        drill.LostAt = await backup.LoseDatabaseAndFilesAsync();
        await backup.RestoreAsync(before: drill.RestoredToBefore);
        await WaitUntilServingAsync();
    }

    [Then("every embedded document, chunk, vector and file is back with the same checksums")]
    public async Task ThenEverythingEmbeddedIsBack()
    {
        var embedded = drill.Before.Where(d => d.Stage == JobProgress.FinalStage).ToList();
        embedded.Should().NotBeEmpty("the drill needs embedded documents to compare");
        var after = (await backup.SnapshotAsync()).ToDictionary(d => d.DocumentId);
        foreach (var document in embedded)
        {
            after.Should().ContainKey(document.DocumentId, $"document {document.DocumentId} was embedded before the loss");
            after[document.DocumentId].Should().BeEquivalentTo(document, $"document {document.DocumentId} must come back unchanged");
        }
    }

    [Then("{persona}'s documents are back with their chunks, vectors and files")]
    public async Task ThenThePersonsDocumentsAreBack(Persona persona)
    {
        var userId = users.IdOf(persona.Name);
        var theirs = drill.Before.Where(d => d.UserId == userId).ToList();
        theirs.Should().NotBeEmpty();
        var after = (await backup.SnapshotAsync()).ToDictionary(d => d.DocumentId);
        foreach (var document in theirs)
        {
            after.Should().ContainKey(document.DocumentId, $"{persona.Name}'s document {document.DocumentId} existed before the deletion");
            after[document.DocumentId].Should().BeEquivalentTo(document);
        }
        AttachRecoveryFigures();
    }

    [Then("no document is without its stored file")]
    public async Task ThenNoDocumentIsWithoutItsFile()
    {
        var missing = (await backup.SnapshotAsync()).SelectMany(d => d.MissingFiles.Select(f => $"{d.DocumentId}: {f}")).ToList();
        missing.Should().BeEmpty("every document row must have its stored files after a restore");
    }

    [Then("the documents in flight are embedded within {duration}")]
    public async Task ThenTheDocumentsInFlightFinish(TimeSpan within)
    {
        await openAi.ClearFaultsAsync();
        drill.InFlight.Should().NotBeEmpty();
        var jobs = await Task.WhenAll(drill.InFlight.Select(u => progress.UntilFinishedAsync(u.UserId, u.Outcome, within)));
        jobs.Should().OnlyContain(j => j.Stage == JobProgress.FinalStage && j.State == "done",
            $"every document in flight should finish after the restore; got {string.Join(", ", jobs.Select(j => j.ToString()))}");
    }

    [Then("the recovery met its time and data-loss objectives")]
    public void ThenTheObjectivesWereMet()
    {
        AttachRecoveryFigures();
        drill.RecoveryTime.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(options.Backup.RecoveryTimeObjectiveSeconds), "the recovery time objective");
        drill.DataAtRisk.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(options.Backup.RecoveryPointObjectiveSeconds), "the recovery point objective");
    }

    private async Task WaitUntilServingAsync()
    {
        await waiter.UntilAsync("the api-server ready again on the restored database", api.ReadinessAsync, status => status == 200,
            TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds), status => $"readiness answered {status}");
        drill.ServingAgainAt = DateTimeOffset.UtcNow;
    }

    private void AttachRecoveryFigures() => evidence.AttachJson("recovery-figures", new
    {
        baseBackupBytes = drill.BaseBackup?.Bytes,
        baseBackupSeconds = drill.BaseBackup?.Seconds,
        restoredTo = drill.RestoredToBefore?.ToString("O") ?? "latest archived point",
        lostAt = drill.LostAt,
        servingAgainAt = drill.ServingAgainAt,
        recoveryTimeSeconds = Math.Round(drill.RecoveryTime.TotalSeconds, 2),
        recoveryTimeObjectiveSeconds = options.Backup.RecoveryTimeObjectiveSeconds,
        dataAtRiskSeconds = drill.RestoredToBefore is null ? Math.Round(drill.DataAtRisk.TotalSeconds, 2) : (double?)null,
        recoveryPointObjectiveSeconds = options.Backup.RecoveryPointObjectiveSeconds,
        archiveTimeoutSeconds = options.Backup.ArchiveTimeoutSeconds,
        documentsCompared = drill.Before.Count,
    });
}
