using Acceptance.Support.Configuration;
using Acceptance.Support.Control;
using FluentAssertions;
using Pipeline.Contract;

namespace Acceptance.Gate.Tests;

/// <summary>
/// The command controller changes the number of workers only through the Scale command its operator gives: the count
/// goes into the command, and the restore scales back to the usual workers and restarts them for their usual settings.
/// </summary>
public sealed class CommandWorkerScalingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("command-scaling-").FullName;
    private string Record => Path.Combine(_folder, "commands.txt");

    [Fact]
    public void Worker_scaling_is_declared_only_with_a_scale_command_and_every_worker_stoppable_and_startable()
    {
        new CommandServiceController(Options(scale: $"true {ControlOptions.CountPlaceholder}")).Capabilities
            .Should().Contain(TargetCapabilities.WorkerScaling);
        new CommandServiceController(Options(scale: "")).Capabilities
            .Should().NotContain(TargetCapabilities.WorkerScaling, "without a Scale command the suite cannot change the number of workers");

        var restoreImpossible = Options(scale: $"true {ControlOptions.CountPlaceholder}");
        restoreImpossible.Services["base-worker-2"].Start = "";
        new CommandServiceController(restoreImpossible).Capabilities
            .Should().NotContain(TargetCapabilities.WorkerScaling, "the restore must start every usual worker again");
    }

    [Fact]
    public async Task The_count_goes_into_the_command_and_the_restore_scales_back_to_the_usual_workers_and_restarts_them()
    {
        var controller = new CommandServiceController(Options(scale: $"echo scale {ControlOptions.CountPlaceholder} >> {Record}"));

        await controller.RunWorkersAsync(4);
        await controller.RunWorkersAsync(1);
        Recorded().Should().Equal("scale 4", "scale 1");

        await controller.RestoreAsync();
        Recorded().Should().Equal(
            "scale 4", "scale 1", "scale 2",
            "stop base-worker-1", "start base-worker-1", "stop base-worker-2", "start base-worker-2");

        await controller.RestoreAsync();
        Recorded().Should().HaveCount(7, "a restore after the restore has nothing left to undo");
    }

    [Fact]
    public async Task A_scale_command_that_fails_or_is_missing_stops_the_step_with_the_reason()
    {
        var failing = new CommandServiceController(Options(scale: $"echo only 2 nodes for {ControlOptions.CountPlaceholder} >&2; exit 3"));
        (await failing.Invoking(c => c.RunWorkersAsync(4)).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("exited with 3").And.Contain("only 2 nodes for 4");

        var missing = new CommandServiceController(Options(scale: ""));
        (await missing.Invoking(c => c.RunWorkersAsync(4)).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("Acceptance:External:Control:Scale");
        await missing.Invoking(c => c.RunWorkersAsync(0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_scale_command_without_the_count_placeholder_is_refused()
    {
        var options = new SuiteOptions { Target = "external" };
        options.External.ApiUrl = "http://127.0.0.1:1";
        options.External.DatabaseConnectionString = "Host=127.0.0.1";
        options.External.JwtSigningKey = new string('k', 32);
        options.External.Control.Scale = "kubectl scale deploy/base-worker --replicas=4";
        SuiteOptionsLoader.Validate(options).Should().ContainSingle().Which.Should().Contain("Scale").And.Contain(ControlOptions.CountPlaceholder);

        options.External.Control.Scale = $"kubectl scale deploy/base-worker --replicas={ControlOptions.CountPlaceholder}";
        SuiteOptionsLoader.Validate(options).Should().BeEmpty();
    }

    /// <summary>Two usual workers whose stop and start commands write what they did to the record.</summary>
    private ControlOptions Options(string scale) => new()
    {
        Scale = scale,
        Services = new[] { "base-worker-1", "base-worker-2" }.ToDictionary(worker => worker, worker => new ServiceCommands
        {
            Stop = $"echo stop {worker} >> {Record}",
            Start = $"echo start {worker} >> {Record}",
        }),
        CommandTimeoutSeconds = 30,
    };

    private string[] Recorded() => File.Exists(Record) ? File.ReadAllLines(Record) : [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
