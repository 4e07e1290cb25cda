using System.Globalization;
using Acceptance.Support.Backup;

namespace PipelineByHand;

/// <summary>
/// The backup verbs of scripts/pipeline.sh (backup enable|base, lose-data, restore [--to &lt;time&gt;]) on the running
/// pipeline, carried out by the procedure the gate's local target drills with: scripts/backup.sh and scripts/restore.sh
/// on the pipeline's own database cluster and storage folder. The archive lives in the state folder as long as the
/// pipeline does: an archive of a pipeline that is gone restores nothing.
/// </summary>
public sealed class BackupControl : IDisposable
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string> { "backup-enable", "backup-base", "lose-data", "restore" };

    /// <summary>The setting scripts/pipeline.sh sends for restore --to &lt;time&gt; (to=&lt;time&gt;).</summary>
    private const string RestoreToSetting = "to";

    private readonly LocalBackupProcedure _procedure;

    /// <param name="procedure">The local procedure, archiving into <see cref="ArchiveIn"/> the state folder.</param>
    public BackupControl(LocalBackupProcedure procedure)
    {
        _procedure = procedure;
        RemoveArchive(); // one left by a pipeline that is gone
    }

    public static string ArchiveIn(string stateDirectory) => Path.Combine(stateDirectory, "archive");

    public async Task<ControlAnswer> RunAsync(string verb, IReadOnlyDictionary<string, string> settings)
    {
        switch (verb)
        {
            case "backup-enable":
                await _procedure.EnableArchivingAsync();
                return ControlAnswer.Done($"archiving the database's WAL and the stored files into {_procedure.Archive}");
            case "backup-base":
                // The local procedure fails when scripts/backup.sh reports no figures, so there are some to print.
                return ControlAnswer.Done((await _procedure.TakeBaseBackupAsync())!.ToString());
            case "lose-data":
                await _procedure.LoseDataAsync();
                return ControlAnswer.Done("the database server's data folder and every stored file are gone (scripts/pipeline.sh restore brings them back)");
            case "restore":
                DateTimeOffset? moment = null;
                if (settings.TryGetValue(RestoreToSetting, out var text))
                {
                    // One without an offset is read as UTC.
                    if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                        return ControlAnswer.Refused($"--to takes an ISO-8601 moment such as 2026-12-01T03:04:05.123456Z; got '{text}'.");
                    moment = parsed.ToUniversalTime();
                }
                await _procedure.RestoreAsync(moment);
                return ControlAnswer.Done($"restored to {(moment is { } to ? $"just before {to:O}" : "the latest archived point")}; the database accepts writes");
            default:
                return ControlAnswer.Refused($"Unknown backup verb '{verb}'; use {string.Join(", ", Verbs)}.");
        }
    }

    private void RemoveArchive()
    {
        if (Directory.Exists(_procedure.Archive)) Directory.Delete(_procedure.Archive, recursive: true);
    }

    /// <summary>The archive goes with the pipeline.</summary>
    public void Dispose() => RemoveArchive();
}
