using System.Globalization;
using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Acceptance.Support.Waiting;
using Pipeline.TestKit;

namespace Acceptance.Support.Backup;

/// <summary>
/// The backup procedure of a pipeline whose database cluster and storage folder are on this machine (the local target,
/// and scripts/pipeline.sh's backup verbs): the operator's own scripts, scripts/backup.sh and scripts/restore.sh, with
/// <paramref name="archive"/> as the archive folder.
/// </summary>
public sealed class LocalBackupProcedure(LocalPipelineEnvironment environment, string archive, SuiteOptions options, Waiter waiter) : IBackupProcedure
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private bool _archiving;

    private PostgresCluster Cluster => environment.Cluster;

    /// <summary>The run's test-only defects reach the operator's scripts the way they reach the services.</summary>
    private Dictionary<string, string> TestDefects => string.IsNullOrWhiteSpace(options.Local.Defects)
        ? []
        : new() { ["DOTNET_ENVIRONMENT"] = "Testing", ["PIPELINE_DEFECTS"] = options.Local.Defects };

    private string ConnInfo => $"host=127.0.0.1 port={Cluster.Port} user=postgres dbname=pipeline";

    public string Archive => archive;

    public async Task EnableArchivingAsync()
    {
        Directory.CreateDirectory(archive);
        await BackupScripts.RunAsync("backup.sh",
        [
            "enable", "--archive", archive, "--storage", environment.StorageRoot, "--db", ConnInfo,
            "--timeout", options.Backup.ArchiveTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ], ScriptTimeout, TestDefects);
        _archiving = true;
    }

    public async Task<BaseBackupFigures?> TakeBaseBackupAsync()
    {
        var output = await BackupScripts.RunAsync("backup.sh", ["base", "--archive", archive, "--storage", environment.StorageRoot, "--db", ConnInfo], ScriptTimeout, TestDefects);
        return BaseBackupFigures.FindIn(output)
               ?? throw new InvalidOperationException($"scripts/backup.sh base did not report its size and duration:\n{output}");
    }

    /// <summary>Kills the database server (an immediate shutdown, as in a crash), then destroys its data folder and every stored file.</summary>
    public async Task LoseDataAsync()
    {
        await Cluster.StopAsync(PostgresStopMode.Immediate);
        Directory.Delete(Cluster.DataDirectory, recursive: true);
        Directory.Delete(environment.StorageRoot, recursive: true);
    }

    /// <summary>The server stopped if it runs, scripts/restore.sh, then PostgreSQL started on the restored folder; returns once it accepts writes.</summary>
    public async Task RestoreAsync(DateTimeOffset? moment = null)
    {
        if (Cluster.IsRunning) await Cluster.StopAsync(PostgresStopMode.Fast);
        List<string> arguments = ["--archive", archive, "--pgdata", Cluster.DataDirectory, "--storage", environment.StorageRoot];
        if (moment is { } before)
            arguments.AddRange(["--target-time", before.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", CultureInfo.InvariantCulture)]);
        await BackupScripts.RunAsync("restore.sh", arguments, ScriptTimeout);
        _archiving = false; // the restored server archives nothing until archiving is enabled again
        await Cluster.StartAgainAsync();
        await DrillDatabase.UntilAcceptingWritesAsync(Cluster.ConnectionStringFor("pipeline"), waiter,
            TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds));
    }

    /// <summary>Stops sending WAL to the archive, which is about to be removed.</summary>
    public async Task AfterDrillAsync()
    {
        if (!_archiving) return;
        await using var connection = await DrillDatabase.OpenAsync(Cluster.ConnectionStringFor("pipeline"));
        await using var command = new Npgsql.NpgsqlCommand("ALTER SYSTEM SET archive_command = '/bin/true'; SELECT pg_reload_conf();", connection);
        await command.ExecuteNonQueryAsync();
        _archiving = false;
    }
}
