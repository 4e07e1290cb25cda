using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using Acceptance.Support.Environment;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>
/// A pipeline controlled by commands is slower to read and to strike than local processes: the suite must see a worker
/// inside a stage and kill it there before the stage's test delay runs out.
/// </summary>
public sealed class CommandReactionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("command-logs-").FullName;

    [Fact]
    public void Every_services_log_is_read_at_the_same_time_so_one_read_takes_as_long_as_the_slowest_command()
    {
        // Each log command prints only once the other has started: read one after the other, neither would print.
        var control = new ControlOptions
        {
            Services = new()
            {
                ["base-worker-1"] = new ServiceCommands { Logs = WaitsFor("worker-1", "worker-2") },
                ["base-worker-2"] = new ServiceCommands { Logs = WaitsFor("worker-2", "worker-1") },
            },
            CommandTimeoutSeconds = 30,
        };
        var logs = new CommandServiceLogs(control, Path.Combine(_folder, "logs"));

        var files = logs.Files;

        files.Keys.Should().BeEquivalentTo("base-worker-1", "base-worker-2");
        File.ReadAllText(files["base-worker-1"]).Should().Be("log of worker-1\n");
        File.ReadAllText(files["base-worker-2"]).Should().Be("log of worker-2\n");
    }

    [Fact]
    public void A_command_controlled_target_declares_its_reaction_time_and_a_local_one_none()
    {
        var commands = new CommandServiceController(new ControlOptions { ReactionSeconds = 7 });
        ((IServiceController)commands).ReactionTime.Should().Be(TimeSpan.FromSeconds(7));
        ((IServiceController)new NoReactionController()).ReactionTime.Should().Be(TimeSpan.Zero);
        new ControlOptions().ReactionSeconds.Should().BePositive("a shell command is never as quick as a signal");
    }

    [Fact]
    public void A_negative_reaction_time_is_refused()
    {
        var options = new SuiteOptions { Target = "external" };
        options.External.ApiUrl = "http://127.0.0.1:1";
        options.External.DatabaseConnectionString = "Host=127.0.0.1";
        options.External.JwtSigningKey = new string('k', 32);
        options.External.Control.ReactionSeconds = -1;
        SuiteOptionsLoader.Validate(options).Should().ContainSingle().Which.Should().Contain("ReactionSeconds");
    }

    /// <summary>Marks itself started, waits (up to 10 s) for the other command to have started, then prints its log.</summary>
    private string WaitsFor(string self, string other) =>
        $"touch '{_folder}/{self}'; for _ in $(seq 200); do [ -f '{_folder}/{other}' ] && echo 'log of {self}' && exit 0; sleep 0.05; done; exit 1";

    /// <summary>A controller that keeps the interface's default: no reaction time beyond a signal's.</summary>
    private sealed class NoReactionController : IServiceController
    {
        public IReadOnlySet<string> Capabilities { get; } = new HashSet<string>();
        public IReadOnlyList<string> Workers { get; } = [];
        public bool IsRunning(string service) => false;
        public Task KillAsync(string service) => Task.CompletedTask;
        public Task<GracefulStop> StopGracefullyAsync(string service, TimeSpan deadline) => Task.FromResult(new GracefulStop(true, 0, TimeSpan.Zero));
        public Task PauseAsync(string service) => Task.CompletedTask;
        public Task ResumeAsync(string service) => Task.CompletedTask;
        public Task StartAsync(string service) => Task.CompletedTask;
        public Task RestartAsync(string service) => Task.CompletedTask;
        public Task RestartWorkersWithAsync(IReadOnlyDictionary<string, string> settings) => Task.CompletedTask;
        public Task StopDatabaseAsync(bool immediately) => Task.CompletedTask;
        public Task StartDatabaseAsync() => Task.CompletedTask;
        public Task RestoreAsync() => Task.CompletedTask;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
