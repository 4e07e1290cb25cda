using Acceptance.Support.Backup;
using Acceptance.Support.Environment;
using Pipeline.Contract;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>The backup drill: continuous backups, losing the database and the stored files, restoring them.</summary>
[Binding]
public sealed class BackupDrillSteps(PipelineBackup backup, RecoveryDrill drill, ServiceReadiness readiness, ScenarioUsers users, IUnitTestRuntimeProvider runtime)
{
    [Given("the pipeline is backed up continuously, starting with a full backup")]
    public async Task GivenContinuousBackup()
    {
        if (backup.UnavailableBecause is { } reason) runtime.NotVerifiedOnThisTarget(TargetCapabilities.BackupRestore, $"it restores the database server and {reason}");
        await backup.EnableArchivingAsync();
        drill.BaseBackup = await backup.TakeBaseBackupAsync();
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
        // The snapshot first, then the archive holding everything committed up to it: documents in flight keep
        // committing, and what they commit after the archived point may rightly be lost (that is the RPO).
        drill.Before = await backup.SnapshotAsync();
        drill.LastCommitAt = DateTimeOffset.UtcNow;
        drill.ArchivedAt = await backup.WaitUntilArchivedAsync();
        drill.LostAt = await backup.LoseDatabaseAndFilesAsync();
        await backup.RestoreAsync();
        drill.ServingAgainAt = await readiness.UntilServingAgainAsync("on the restored database");
    }

    [When("the pipeline is restored to the moment before the deletion")]
    public async Task WhenRestoredToTheMomentBeforeTheDeletion()
    {
        drill.LostAt = await backup.LoseDatabaseAndFilesAsync();
        await backup.RestoreAsync(before: drill.RestoredToBefore);
        drill.ServingAgainAt = await readiness.UntilServingAgainAsync("on the restored database");
    }
}
