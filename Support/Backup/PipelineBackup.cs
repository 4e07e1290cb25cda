using System.Globalization;
using System.Text.RegularExpressions;
using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Acceptance.Support.Waiting;
using Npgsql;
using Pipeline.TestKit;

namespace Acceptance.Support.Backup;

/// <summary>A full backup as scripts/backup.sh reported it.</summary>
public sealed record BaseBackupFigures(long Bytes, double Seconds);

/// <summary>
/// Backup and restore drills on the local pipeline, done with the operator's own scripts: archiving
/// switched on, a full backup, losing the database server's data and the stored files, restoring to
/// the latest archived point or to a moment. Owns a temporary archive folder for the scenario.
/// </summary>
public sealed partial class PipelineBackup(IPipelineEnvironment environment, SuiteOptions options, Waiter waiter) : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    // Not a 0700 temp folder: the server's OS user writes WAL and files into it.
    private readonly string _archive = Path.Combine(Path.GetTempPath(), $"pipeline-archive-{Guid.NewGuid():N}");

    public string? UnavailableBecause => environment is LocalPipelineEnvironment
        ? null
        : $"backup and restore drills need the database server's own files, which the {environment.Target} target does not share";

    public bool Archiving { get; private set; }

    private LocalPipelineEnvironment Local => environment as LocalPipelineEnvironment
                                              ?? throw new InvalidOperationException(UnavailableBecause);

    private PostgresCluster Cluster => Local.Cluster;

    /// <summary>The run's test-only defects reach the operator's scripts the way they reach the services.</summary>
    private Dictionary<string, string> TestDefects => string.IsNullOrWhiteSpace(options.Local.Defects)
        ? []
        : new() { ["DOTNET_ENVIRONMENT"] = "Testing", ["PIPELINE_DEFECTS"] = options.Local.Defects };

    private string ConnInfo => $"host=127.0.0.1 port={Cluster.Port} user=postgres dbname=pipeline";

    public async Task EnableArchivingAsync()
    {
        Directory.CreateDirectory(_archive);
        await BackupScripts.RunAsync("backup.sh",
        [
            "enable", "--archive", _archive, "--storage", Local.StorageRoot, "--db", ConnInfo,
            "--timeout", options.Backup.ArchiveTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ], ScriptTimeout, TestDefects);
        Archiving = true;
    }

    public async Task<BaseBackupFigures> TakeBaseBackupAsync()
    {
        var output = await BackupScripts.RunAsync("backup.sh", ["base", "--archive", _archive, "--storage", Local.StorageRoot, "--db", ConnInfo], ScriptTimeout, TestDefects);
        var figures = BaseBackupLine().Match(output);
        return figures.Success
            ? new BaseBackupFigures(long.Parse(figures.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(figures.Groups[2].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"scripts/backup.sh base did not report its size and duration:\n{output}");
    }

    /// <summary>Waits until the WAL segment holding everything committed so far is in the archive; returns when it was seen there.</summary>
    public async Task<DateTimeOffset> WaitUntilArchivedAsync()
    {
        var segment = await ScalarAsync<string>("SELECT pg_walfile_name(pg_current_wal_lsn())");
        await waiter.UntilAsync($"the archive holding WAL segment {segment} (everything committed so far)",
            () => ScalarAsync<string?>("SELECT last_archived_wal FROM pg_stat_archiver"),
            archived => archived is not null && string.CompareOrdinal(archived, segment) >= 0,
            TimeSpan.FromSeconds(options.Backup.ArchiveTimeoutSeconds * 4 + 30),
            archived => $"last archived segment {archived ?? "none"}");
        return DateTimeOffset.UtcNow;
    }

    /// <summary>Destroys the database server's data folder (after killing it) and every stored file.</summary>
    public async Task<DateTimeOffset> LoseDatabaseAndFilesAsync()
    {
        await Cluster.StopAsync(PostgresStopMode.Immediate);
        var lostAt = DateTimeOffset.UtcNow;
        Directory.Delete(Cluster.DataDirectory, recursive: true);
        Directory.Delete(Local.StorageRoot, recursive: true);
        return lostAt;
    }

    /// <summary>scripts/restore.sh, then PostgreSQL started on the restored folder; returns once it accepts writes.</summary>
    public async Task RestoreAsync(DateTimeOffset? before = null)
    {
        List<string> arguments = ["--archive", _archive, "--pgdata", Cluster.DataDirectory, "--storage", Local.StorageRoot];
        if (before is { } moment)
            arguments.AddRange(["--target-time", moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", CultureInfo.InvariantCulture)]);
        await BackupScripts.RunAsync("restore.sh", arguments, ScriptTimeout);
        Archiving = false;
        await Cluster.StartAgainAsync();
        await waiter.UntilAsync("the restored database accepting writes (recovery finished)",
            () => ScalarAsync<bool>("SELECT pg_is_in_recovery()"), inRecovery => !inRecovery,
            TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds), _ => "still replaying the archive");
    }

    /// <summary>An operator's mistake: every document of a user deleted, rows and stored files.</summary>
    public async Task<int> DeleteDocumentsOfAsync(string userId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "DELETE FROM upload_pipeline.documents WHERE user_id = @user RETURNING storage_path, parsed_path", connection);
        command.Parameters.AddWithValue("user", userId);
        var files = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                files.Add(reader.GetString(0));
                if (!reader.IsDBNull(1)) files.Add(reader.GetString(1));
            }
        }
        foreach (var file in files) File.Delete(file);
        return files.Count;
    }

    /// <summary>Stops sending WAL to this scenario's archive, which is about to be removed.</summary>
    public async Task StopArchivingAsync()
    {
        if (!Archiving) return;
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("ALTER SYSTEM SET archive_command = '/bin/true'; SELECT pg_reload_conf();", connection);
        await command.ExecuteNonQueryAsync();
        Archiving = false;
    }

    public Task<IReadOnlyList<DocumentFingerprint>> SnapshotAsync() => PipelineSnapshot.TakeAsync(Cluster.ConnectionStringFor("pipeline"));

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        // Pooling off: the server is killed and replaced during a drill.
        var connection = new NpgsqlConnection(Cluster.ConnectionStringFor("pipeline") + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_archive)) Directory.Delete(_archive, recursive: true);
        }
        catch (IOException)
        {
            // A leftover archive in /tmp must not fail the run.
        }
    }

    [GeneratedRegex(@"base backup \S+: (\d+) bytes in ([0-9.]+) s")]
    private static partial Regex BaseBackupLine();
}
