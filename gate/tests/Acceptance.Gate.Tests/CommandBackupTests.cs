using Acceptance.Support.Backup;
using Acceptance.Support.Configuration;
using FluentAssertions;
using Pipeline.Contract;

namespace Acceptance.Gate.Tests;

/// <summary>
/// A team's own backup procedure as the backup drill runs it: backup-restore is declared only with every command and a
/// readable storage folder, the moment to restore to reaches the RestoreTo command, and a command that fails
/// says which step failed, how, and what it printed last.
/// </summary>
public sealed class CommandBackupTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("command-backup-").FullName;

    [Fact]
    public void Backup_restore_is_declared_only_with_every_command_and_the_storage_folder()
    {
        new CommandBackupProcedure(EveryCommand(), _folder, Timeout).Capabilities.Should().Equal(TargetCapabilities.BackupRestore);

        var withoutFiles = new CommandBackupProcedure(EveryCommand(), null, Timeout);
        withoutFiles.Capabilities.Should().BeEmpty("the drill deletes and compares stored files");
        withoutFiles.UnavailableBecause.Should().Contain("Acceptance:External:StorageRoot");

        foreach (var setting in typeof(BackupCommands).GetProperties().Select(p => p.Name))
        {
            var commands = EveryCommand();
            typeof(BackupCommands).GetProperty(setting)!.SetValue(commands, "");
            var procedure = new CommandBackupProcedure(commands, _folder, Timeout);
            procedure.Capabilities.Should().BeEmpty("the drill cannot run without {0}", setting);
            procedure.UnavailableBecause.Should().Contain($"Acceptance:External:Control:Backup:{setting}").And.NotContain("StorageRoot");
        }
    }

    [Fact]
    public async Task Restoring_to_a_moment_runs_RestoreTo_with_the_moment_in_ISO_8601_UTC_and_the_latest_point_runs_Restore()
    {
        var commands = EveryCommand();
        commands.Restore = $"echo latest > '{_folder}/restored'";
        commands.RestoreTo = $"echo {BackupCommands.TimePlaceholder} > '{_folder}/restored'";
        var procedure = new CommandBackupProcedure(commands, _folder, Timeout);

        await procedure.RestoreAsync(new DateTimeOffset(2026, 12, 1, 5, 4, 5, 123, 456, TimeSpan.FromHours(2)));
        (await File.ReadAllTextAsync(Path.Combine(_folder, "restored"), TestContext.Current.CancellationToken))
            .Should().Be("2026-12-01T03:04:05.123456Z\n", "the moment is written in UTC, to the microsecond");

        await procedure.RestoreAsync();
        (await File.ReadAllTextAsync(Path.Combine(_folder, "restored"), TestContext.Current.CancellationToken)).Should().Be("latest\n");
    }

    [Fact]
    public async Task A_full_backups_figures_are_read_from_the_documented_line_and_are_unknown_without_it()
    {
        var commands = EveryCommand();
        commands.Base = "echo 'checkpoint done'; echo 'backup: base backup /srv/archive/base/20261201T030405Z: 123456 bytes in 4.25 s'";
        (await new CommandBackupProcedure(commands, _folder, Timeout).TakeBaseBackupAsync())
            .Should().Be(new BaseBackupFigures("/srv/archive/base/20261201T030405Z", 123456, 4.25));

        commands.Base = "echo 'a backup was taken'";
        (await new CommandBackupProcedure(commands, _folder, Timeout).TakeBaseBackupAsync()).Should().BeNull();

        var figures = new BaseBackupFigures("b", 42, 0.5);
        BaseBackupFigures.FindIn(figures.ToString()).Should().Be(figures, "the line the host prints is the line the suite reads");
    }

    [Fact]
    public async Task A_failing_command_is_reported_with_its_step_setting_exit_code_and_the_end_of_its_output()
    {
        var commands = EveryCommand();
        commands.LoseData = "for n in $(seq 1 30); do echo \"line $n\"; done; echo 'disk busy' >&2; exit 7";
        var failure = await FluentActions.Awaiting(() => new CommandBackupProcedure(commands, _folder, Timeout).LoseDataAsync())
            .Should().ThrowAsync<InvalidOperationException>();

        failure.Which.Message.Should().Contain("destroy the database's data and the stored files")
            .And.Contain("Acceptance:External:Control:Backup:LoseData").And.Contain("exited with 7")
            .And.Contain("line 30").And.Contain("disk busy").And.NotContain("line 1\n", "only the end of a long output is shown");
    }

    [Fact]
    public async Task A_command_that_outlives_its_timeout_is_stopped_and_reported()
    {
        var commands = EveryCommand();
        commands.Enable = "echo 'waiting for the archive'; exec sleep 30";
        var failure = await FluentActions.Awaiting(() => new CommandBackupProcedure(commands, _folder, TimeSpan.FromSeconds(1)).EnableArchivingAsync())
            .Should().ThrowAsync<InvalidOperationException>();

        failure.Which.Message.Should().Contain("Acceptance:External:Control:Backup:Enable").And.Contain("did not finish within 1 s")
            .And.Contain("CommandTimeoutSeconds").And.Contain("waiting for the archive");
    }

    [Fact]
    public void A_RestoreTo_command_without_the_time_placeholder_is_refused()
    {
        var options = ExternalOptions();
        options.External.Control.Backup.RestoreTo = "restore-pipeline --to-latest";
        SuiteOptionsLoader.Validate(options).Should().ContainSingle().Which.Should().Contain("RestoreTo").And.Contain("{time}");

        options.External.Control.Backup.RestoreTo = "restore-pipeline --before {time}";
        SuiteOptionsLoader.Validate(options).Should().BeEmpty();
    }

    private static BackupCommands EveryCommand() => new()
    {
        Enable = "true", Base = "true", LoseData = "true", Restore = "true", RestoreTo = $"true {BackupCommands.TimePlaceholder}",
    };

    private static SuiteOptions ExternalOptions()
    {
        var options = new SuiteOptions { Target = "external" };
        options.External.ApiUrl = "http://127.0.0.1:1";
        options.External.DatabaseConnectionString = "Host=127.0.0.1";
        options.External.JwtSigningKey = new string('k', 32);
        return options;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
