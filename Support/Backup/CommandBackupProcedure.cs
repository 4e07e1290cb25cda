using System.Globalization;
using Acceptance.Support.Configuration;
using Pipeline.Contract;
using Pipeline.TestKit;

namespace Acceptance.Support.Backup;

/// <summary>
/// A team's own backup procedure, carried out by the shell commands its operator gives (Acceptance:External:Control:Backup),
/// each run with /bin/sh -c like the service control commands. The target declares backup-restore only when every command
/// is given and the suite can read the stored files the drill deletes and compares.
/// </summary>
public sealed class CommandBackupProcedure(BackupCommands commands, string? storageRoot, TimeSpan timeout) : IBackupProcedure
{
    private const string Settings = "Acceptance:External:Control:Backup";
    private const int TailLines = 20;

    /// <summary>Every command the drill runs, by setting, with what it does (the words of its failure message).</summary>
    private IEnumerable<(string Setting, string Command, string Purpose)> Steps =>
    [
        (nameof(BackupCommands.Enable), commands.Enable, "switch continuous archiving on"),
        (nameof(BackupCommands.Base), commands.Base, "take a full backup"),
        (nameof(BackupCommands.LoseData), commands.LoseData, "destroy the database's data and the stored files"),
        (nameof(BackupCommands.Restore), commands.Restore, "restore to the latest archived point"),
        (nameof(BackupCommands.RestoreTo), commands.RestoreTo, "restore to a moment"),
    ];

    /// <summary>Null when the drill can run; otherwise what is missing, naming the settings.</summary>
    public string? UnavailableBecause
    {
        get
        {
            var missing = Steps.Where(step => step.Command.Length == 0).Select(step => $"{Settings}:{step.Setting}").ToList();
            var reasons = new List<string>();
            if (missing.Count > 0) reasons.Add($"the external target's settings give no command for {string.Join(", ", missing)}");
            if (storageRoot is null) reasons.Add("the drill deletes and compares stored files, and no folder they are readable in is named (Acceptance:External:StorageRoot)");
            return reasons.Count == 0 ? null : string.Join("; ", reasons);
        }
    }

    /// <summary>backup-restore when every command is given and the stored files are readable; else nothing.</summary>
    public IReadOnlySet<string> Capabilities => UnavailableBecause is null ? new HashSet<string> { TargetCapabilities.BackupRestore } : new HashSet<string>();

    public Task EnableArchivingAsync() => RunAsync(nameof(BackupCommands.Enable));

    public async Task<BaseBackupFigures?> TakeBaseBackupAsync() => BaseBackupFigures.FindIn(await RunAsync(nameof(BackupCommands.Base)));

    public Task LoseDataAsync() => RunAsync(nameof(BackupCommands.LoseData));

    public Task RestoreAsync(DateTimeOffset? moment = null) => moment is { } before
        ? RunAsync(nameof(BackupCommands.RestoreTo), command => command.Replace(BackupCommands.TimePlaceholder, IsoMoment(before), StringComparison.Ordinal))
        : RunAsync(nameof(BackupCommands.Restore));

    /// <summary>The team's archive is theirs: nothing to undo.</summary>
    public Task AfterDrillAsync() => Task.CompletedTask;

    /// <summary>The moment written for {time}: ISO 8601 in UTC to the microsecond, PostgreSQL's own precision.</summary>
    private static string IsoMoment(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Runs one step's command; its output when it succeeds, else a failure naming the step, its exit code and its output's end.</summary>
    private async Task<string> RunAsync(string setting, Func<string, string>? complete = null)
    {
        var (_, command, purpose) = Steps.Single(step => step.Setting == setting);
        if (command.Length == 0)
            throw new InvalidOperationException($"No command to {purpose}: set {Settings}:{setting} (docs/targets.md).");
        ProcessResult result;
        try
        {
            result = await ProcessRun.RunAsync("/bin/sh", ["-c", complete is null ? command : complete(command)], timeout);
        }
        catch (ProcessTimeoutException e)
        {
            throw new InvalidOperationException(
                $"The command to {purpose} ({Settings}:{setting}) did not finish within {timeout.TotalSeconds:0} s " +
                $"(Acceptance:External:Control:CommandTimeoutSeconds); the end of its output:\n{Tail(e.Output)}");
        }
        return result.Succeeded
            ? result.AllOutput
            : throw new InvalidOperationException(
                $"The command to {purpose} ({Settings}:{setting}) exited with {result.ExitCode}; the end of its output:\n{Tail(result.AllOutput)}");
    }

    private static string Tail(string output)
    {
        if (output.Trim().Length == 0) return "(it printed nothing)";
        var lines = output.TrimEnd().Split('\n');
        return lines.Length <= TailLines ? string.Join('\n', lines) : $"(… {lines.Length - TailLines} lines before)\n{string.Join('\n', lines[^TailLines..])}";
    }
}
