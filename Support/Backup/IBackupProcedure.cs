namespace Acceptance.Support.Backup;

/// <summary>
/// A pipeline's own backup and restore procedure, as a backup drill carries it out step by step. Each call returns once
/// its step is done; a restore returns once the database accepts writes again. What the drill checks in between
/// (what is archived, what came back) it reads through the database and the stored files, not through the procedure.
/// </summary>
public interface IBackupProcedure
{
    /// <summary>Switches continuous archiving (the database's WAL and the stored files) on.</summary>
    Task EnableArchivingAsync();

    /// <summary>Takes a full backup now; its size and duration, or null when the procedure does not report them.</summary>
    Task<BaseBackupFigures?> TakeBaseBackupAsync();

    /// <summary>Destroys the database server's data and every stored file, as losing the server and its disk would.</summary>
    Task LoseDataAsync();

    /// <summary>Restores the database and the stored files to the latest archived point, or to the state just before <paramref name="moment"/>.</summary>
    Task RestoreAsync(DateTimeOffset? moment = null);

    /// <summary>Undoes what must not outlive the drill (an archive that goes with the scenario); a team's own archive stays.</summary>
    Task AfterDrillAsync();
}
