using Acceptance.Support.Configuration;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Acceptance.Support.Waiting;
using Npgsql;

namespace Acceptance.Support.Backup;

/// <summary>
/// The backup drill as the steps see it, on any target that declares backup-restore: the target's own procedure
/// (<see cref="IBackupProcedure"/>: the operator's scripts on the local target, the team's commands on an external one)
/// for archiving, backing up, losing and restoring; the pipeline's database and stored files for what is archived, what
/// an operator's mistake deletes and what came back. Owns a temporary archive folder for the scenario on the local target.
/// </summary>
public sealed class PipelineBackup(IPipelineEnvironment environment, SuiteOptions options, Waiter waiter, StoredFileReader files) : IDisposable
{
    // Not a 0700 temp folder: the server's OS user writes WAL and files into it.
    private readonly string _scenarioArchive = Path.Combine(Path.GetTempPath(), $"pipeline-archive-{Guid.NewGuid():N}");
    private IBackupProcedure? _procedure;

    public string? UnavailableBecause => environment switch
    {
        LocalPipelineEnvironment => null,
        ExternalPipelineEnvironment external => external.Backup.UnavailableBecause,
        _ => $"backup and restore drills need the database server's own files, which the {environment.Target} target does not share",
    };

    private IBackupProcedure Procedure => _procedure ??= environment switch
    {
        LocalPipelineEnvironment local => new LocalBackupProcedure(local, _scenarioArchive, options, waiter),
        ExternalPipelineEnvironment { Backup.UnavailableBecause: null } external => external.Backup,
        _ => throw new InvalidOperationException(UnavailableBecause),
    };

    public Task EnableArchivingAsync() => Procedure.EnableArchivingAsync();

    public Task<BaseBackupFigures?> TakeBaseBackupAsync() => Procedure.TakeBaseBackupAsync();

    /// <summary>Waits until the WAL segment holding everything committed so far is in the archive; returns when it was seen there.</summary>
    public async Task<DateTimeOffset> WaitUntilArchivedAsync()
    {
        var segment = await DrillDatabase.ScalarAsync<string>(environment.DatabaseConnectionString, "SELECT pg_walfile_name(pg_current_wal_lsn())");
        await waiter.UntilAsync($"the archive holding WAL segment {segment} (everything committed so far)",
            () => DrillDatabase.ScalarAsync<string?>(environment.DatabaseConnectionString, "SELECT last_archived_wal FROM pg_stat_archiver"),
            archived => archived is not null && string.CompareOrdinal(archived, segment) >= 0,
            TimeSpan.FromSeconds(options.Backup.ArchiveTimeoutSeconds * 4 + 30),
            archived => $"last archived segment {archived ?? "none"}");
        return DateTimeOffset.UtcNow;
    }

    /// <summary>Loses the database server's data and every stored file; returns the moment they were gone.</summary>
    public async Task<DateTimeOffset> LoseDatabaseAndFilesAsync()
    {
        await Procedure.LoseDataAsync();
        return DateTimeOffset.UtcNow;
    }

    /// <summary>The procedure's restore, then the suite's own check that the database accepts writes again.</summary>
    public async Task RestoreAsync(DateTimeOffset? before = null)
    {
        await Procedure.RestoreAsync(before);
        // The suite's pooled connections led to the server that was lost.
        NpgsqlConnection.ClearAllPools();
        await DrillDatabase.UntilAcceptingWritesAsync(environment.DatabaseConnectionString, waiter,
            TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds));
    }

    /// <summary>An operator's mistake: every document of a user deleted, rows and stored files.</summary>
    public async Task<int> DeleteDocumentsOfAsync(string userId)
    {
        await using var connection = await DrillDatabase.OpenAsync(environment.DatabaseConnectionString);
        await using var command = new NpgsqlCommand(
            "DELETE FROM upload_pipeline.documents WHERE user_id = @user RETURNING storage_path, parsed_path", connection);
        command.Parameters.AddWithValue("user", userId);
        var stored = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
                if (!reader.IsDBNull(1)) stored.Add(reader.GetString(1));
            }
        }
        foreach (var recordedPath in stored) File.Delete(files.Resolve(recordedPath));
        return stored.Count;
    }

    /// <summary>Undoes what must not outlive the drill, if it started.</summary>
    public Task AfterDrillAsync() => _procedure?.AfterDrillAsync() ?? Task.CompletedTask;

    public Task<IReadOnlyList<DocumentFingerprint>> SnapshotAsync() => PipelineSnapshot.TakeAsync(environment.DatabaseConnectionString, files);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_scenarioArchive)) Directory.Delete(_scenarioArchive, recursive: true);
        }
        catch (IOException)
        {
            // A leftover archive in /tmp must not fail the run.
        }
    }
}
