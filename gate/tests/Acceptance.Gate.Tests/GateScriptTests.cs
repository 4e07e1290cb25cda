using System.Diagnostics;
using System.Reflection;
using Acceptance.Gate.Cli;
using Acceptance.Gate.Running;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>
/// scripts/gate.sh in a bare copy of the repository: the script and the gate's option source, no scripts/setup.sh, and a
/// stand-in dotnet that records how it is called. What needs no machine setup or build must then still work.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // bash scripts
public sealed class GateScriptTests : IDisposable
{
    private static readonly string RepositoryRoot = TestMachine.RepositoryRoot;

    private const string OptionsSource = "gate/src/Acceptance.Gate/Cli/GateOptionsParser.cs";

    private readonly string _bareRepository = Directory.CreateTempSubdirectory("gate-script-").FullName;

    private string DotnetCalls => Path.Combine(_bareRepository, "dotnet-calls.txt");

    public GateScriptTests()
    {
        foreach (var file in new[] { "scripts/gate.sh", OptionsSource })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_bareRepository, file))!);
            File.Copy(Path.Combine(RepositoryRoot, file), Path.Combine(_bareRepository, file));
        }
        var fakeDotnet = Path.Combine(_bareRepository, "fake-bin", "dotnet");
        Directory.CreateDirectory(Path.GetDirectoryName(fakeDotnet)!);
        File.WriteAllText(fakeDotnet, $"#!/bin/sh\necho \"$*\" >> '{DotnetCalls}'\n");
        File.SetUnixFileMode(fakeDotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Help_is_the_gate_parsers_help_and_the_wrappers_options_without_setup_or_build()
    {
        var clock = Stopwatch.StartNew();
        var (exit, output) = await GateScriptAsync("--help");

        exit.Should().Be(0, output);
        output.Should().StartWith(GateOptionsParser.Help + "\n", "the help is declared once, in GateOptionsParser.Help");
        var wrapperPart = output[(GateOptionsParser.Help.Length + 1)..];
        wrapperPart.Should().Contain("  --soak <duration>").And.Contain("  --load-profile open|phase4");
        File.Exists(DotnetCalls).Should().BeFalse("--help neither builds nor runs the gate");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "it answers at once (a build takes minutes)");
    }

    [Fact]
    public async Task Merge_builds_and_runs_the_gate_without_setting_up_the_machine()
    {
        var (exit, output) = await GateScriptAsync("merge", "shards/a", "shards/b", "--reports", "merged");

        exit.Should().Be(0, output);
        var calls = await File.ReadAllLinesAsync(DotnetCalls, TestContext.Current.CancellationToken);
        calls.Should().HaveCount(2);
        calls[0].Should().StartWith("build gate/src/Acceptance.Gate");
        calls[1].Should().Be("gate/src/Acceptance.Gate/bin/Debug/net10.0/Acceptance.Gate.dll merge shards/a shards/b --reports merged");
    }

    [Fact]
    public async Task A_gate_run_sets_the_machine_up_first()
    {
        // The contrast that makes the merge test mean something: without scripts/setup.sh a run stops at once.
        var (exit, output) = await GateScriptAsync("--lint-only");

        exit.Should().Be(ExitCodes.EnvironmentFailed, output);
        output.Should().Contain("run scripts/setup.sh");
        File.Exists(DotnetCalls).Should().BeFalse();
    }

    private async Task<(int Exit, string Output)> GateScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(_bareRepository, "scripts", "gate.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{Path.Combine(_bareRepository, "fake-bin")}:/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    public void Dispose() => Directory.Delete(_bareRepository, recursive: true);
}
