using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Running;
using Acceptance.Support.Backup;
using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Pipeline.Contract;

namespace Acceptance.Gate.Tests;

/// <summary>
/// The pipeline scripts/pipeline.sh keeps up, as the external target sees it: `pipeline.sh env` evaluates in bash to
/// settings the suite accepts, the command controller built from them really stops and starts a worker process and
/// changes the number of workers, and the backup commands really lose and restore the pipeline's database and stored files.
/// </summary>
public sealed class CommandControlTests : IDisposable
{
    private static readonly string RepositoryRoot = TestMachine.RepositoryRoot;
    private const string Worker = "base-worker-1";

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("pipeline-control-").FullName;

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_settings_pipeline_sh_env_prints_evaluate_in_bash_and_their_commands_stop_and_start_a_real_worker()
    {
        var up = await BashAsync("scripts/pipeline.sh up");
        up.Exit.Should().Be(0, up.Output);

        // What a person types: eval the output, then everything the suite will read is in the environment.
        var evaluated = await BashAsync("""eval "$(scripts/pipeline.sh env)" && env -0""");
        evaluated.Exit.Should().Be(0, "the exports must be valid shell: {0}", evaluated.Output);
        var settings = evaluated.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2)).Where(pair => pair[0].StartsWith("ACCEPTANCE__EXTERNAL__", StringComparison.Ordinal))
            .ToDictionary(pair => pair[0].Replace("__", ":", StringComparison.Ordinal), pair => (string?)pair[1]);
        var options = new SuiteOptions { Target = "external" };
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Acceptance").Bind(options);
        SuiteOptionsLoader.NormaliseServiceNames(options.External).Should().BeEmpty();
        SuiteOptionsLoader.Validate(options).Should().BeEmpty();

        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "state.json"), Cancelled));
        options.External.ApiUrl.Should().Be(state.RootElement.GetProperty("apiUrl").GetString());
        options.External.JwtSigningKey.Should().Be(state.RootElement.GetProperty("tokens").GetProperty("signingKey").GetString());
        options.External.MetricsUrls.Keys.Should().Contain(["api-server", Worker], "shell-safe names map back to the services'");
        options.External.MockLlamaParseUrl.Should().Be(state.RootElement.GetProperty("mockLlamaParseUrl").GetString());
        // The readings only the target can hand out: where its files are, how its workers retry, which keys they hold.
        options.External.StorageRoot.Should().Be(state.RootElement.GetProperty("storageRoot").GetString()).And.Match(root => Directory.Exists(root));
        options.External.RetryWindowSeconds.Should().Be((int)TimeSpan.Parse(state.RootElement.GetProperty("retry").GetProperty("window").GetString()!).TotalSeconds);
        options.External.BackoffMaxMs.Should().Be((int)TimeSpan.Parse(state.RootElement.GetProperty("retry").GetProperty("longestBackoff").GetString()!).TotalMilliseconds);
        options.External.ProviderKeys.Values.Should().BeEquivalentTo(
            state.RootElement.GetProperty("providerKeys").EnumerateObject().Select(key => key.Value.GetString()), "env exports the keys the workers were given");
        options.External.ProviderKeys.Should().HaveCount(2);
        var redactor = new SecretRedactor(settings.Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value ?? "")));
        redactor.Scrub(string.Join('\n', options.External.ProviderKeys.Values)).Should().NotContainAny(options.External.ProviderKeys.Values,
            "the provider keys env exports are secrets the gate's reports mask");

        var controller = new CommandServiceController(options.External.Control);
        controller.Workers.Should().Equal(Worker, "base-worker-2");
        controller.Capabilities.Should().BeEquivalentTo(
        [
            TargetCapabilities.KillService, TargetCapabilities.StopService, TargetCapabilities.PauseService, TargetCapabilities.RestartService,
            TargetCapabilities.RestartDatabase, TargetCapabilities.WorkerSettings, TargetCapabilities.WorkerScaling,
        ]);

        var before = WorkerPid(state.RootElement);
        TestMachine.ProcessExists(before).Should().BeTrue();
        var stop = await controller.StopGracefullyAsync(Worker, TimeSpan.FromSeconds(60));
        stop.Should().Match<GracefulStop>(s => s.ExitedInTime && s.ExitCode == 0, "a worker asked to stop exits cleanly: {0}", stop);
        TestMachine.ProcessExists(before).Should().BeFalse("the stop command stops the worker's real process");
        controller.IsRunning(Worker).Should().BeFalse();

        await controller.StartAsync(Worker);
        using var after = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "state.json"), Cancelled));
        var restarted = WorkerPid(after.RootElement);
        restarted.Should().NotBe(before);
        TestMachine.ProcessExists(restarted).Should().BeTrue("the start command starts a new worker process");
        controller.IsRunning(Worker).Should().BeTrue();

        var usualSlots = Setting(restarted, "Worker__Concurrency");
        usualSlots.Should().NotBe("1", "else one job slot each could not be told from the usual settings");
        await controller.RunWorkersAsync(3);
        var scaled = await WorkerPidsAsync();
        scaled.Keys.Should().Equal(Worker, "base-worker-2", "base-worker-3");
        scaled.Values.Should().AllSatisfy(pid => Setting(pid, "Worker__Concurrency").Should().Be("1", "every worker of a scaled pipeline has one job slot"));
        (await BashAsync("scripts/pipeline.sh status base-worker-3")).Exit.Should().Be(0, "the verbs reach a worker added by scaling");
        (await BashAsync("scripts/pipeline.sh logs base-worker-3")).Stdout.Should().Contain("Worker ready");

        await controller.RestoreAsync();
        var restored = await WorkerPidsAsync();
        restored.Keys.Should().Equal(Worker, "base-worker-2");
        restored.Values.Should().AllSatisfy(pid => Setting(pid, "Worker__Concurrency").Should().Be(usualSlots, "the restore gives the usual workers their usual job slots"));
        TestMachine.ProcessExists(scaled["base-worker-3"]).Should().BeFalse("the restore stops the added worker");
        await The_exported_backup_commands_lose_and_restore_the_pipelines_database_and_files(options.External, after.RootElement);

        var down = await BashAsync("scripts/pipeline.sh down");
        down.Output.Should().Contain("Stopped.").And.NotContain("Still running");
        TestMachine.ProcessExists(restarted).Should().BeFalse("down stops the restarted worker too");
    }

    /// <summary>The backup drill's procedure through the commands env exports: archived, lost, and back and writable.</summary>
    private async Task The_exported_backup_commands_lose_and_restore_the_pipelines_database_and_files(ExternalOptions external, JsonElement state)
    {
        var backup = new CommandBackupProcedure(external.Control.Backup, external.StorageRoot, TimeSpan.FromMinutes(3));
        backup.Capabilities.Should().Contain(TargetCapabilities.BackupRestore, backup.UnavailableBecause);
        await backup.EnableArchivingAsync();
        var stored = Path.Combine(external.StorageRoot, "stored-before-the-backup");
        await File.WriteAllTextAsync(stored, "a stored file", Cancelled);
        (await backup.TakeBaseBackupAsync()).Should().Match<BaseBackupFigures>(f => f.Bytes > 0, "the full backup reports its size");

        var lostServer = state.GetProperty("processIds").GetProperty("postgres").GetInt32();
        await backup.LoseDataAsync();
        TestMachine.ProcessExists(lostServer).Should().BeFalse("lose-data kills the database server");
        Directory.Exists(external.StorageRoot).Should().BeFalse("lose-data destroys the stored files");

        var refused = await BashAsync("scripts/pipeline.sh restore --to yesterday");
        refused.Exit.Should().Be(2, refused.Output);
        refused.Output.Should().Contain("ISO-8601");

        await backup.RestoreAsync();
        await using (var database = new NpgsqlConnection(external.DatabaseConnectionString))
        {
            await database.OpenAsync(Cancelled);
            // A write the schema must take: the restored server is out of recovery and the pipeline's tables are back.
            await using var write = new NpgsqlCommand("CREATE TEMP TABLE restored AS SELECT count(*) FROM upload_pipeline.documents", database);
            await write.ExecuteNonQueryAsync(Cancelled);
        }
        File.Exists(stored).Should().BeTrue("the stored files come back from the archive");
        using var restored = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "state.json"), Cancelled));
        TestMachine.ProcessExists(restored.RootElement.GetProperty("processIds").GetProperty("postgres").GetInt32()).Should().BeTrue("a new server runs on the restored data");
    }

    private static int WorkerPid(JsonElement state) => state.GetProperty("processIds").GetProperty(Worker).GetInt32();

    private async Task<Dictionary<string, int>> WorkerPidsAsync()
    {
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "state.json"), Cancelled));
        return state.RootElement.GetProperty("processIds").EnumerateObject().Where(p => p.Name.StartsWith("base-worker", StringComparison.Ordinal))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }

    /// <summary>One setting from the environment the process was started with.</summary>
    private static string? Setting(int pid, string name) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0').Select(e => e.Split('=', 2)).FirstOrDefault(e => e[0] == name)?[1];


    private async Task<(int Exit, string Stdout, string Output)> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.Environment["PIPELINE_STATE_DIR"] = _stateDirectory;
        start.Environment["PIPELINE_SKIP_BUILD"] = "1"; // this project's build already built the host
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancelled);
        var errors = process.StandardError.ReadToEndAsync(Cancelled);
        await process.WaitForExitAsync(Cancelled);
        return (process.ExitCode, await output, await output + await errors);
    }

    public void Dispose()
    {
        // A failed assertion must not leave the pipeline running.
        using var down = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "scripts", "pipeline.sh"), "down"])
        {
            Environment = { ["PIPELINE_STATE_DIR"] = _stateDirectory }, RedirectStandardOutput = true,
        })!;
        down.WaitForExit();
        Directory.Delete(_stateDirectory, recursive: true);
    }
}
