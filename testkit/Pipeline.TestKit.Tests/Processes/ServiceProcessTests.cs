using FluentAssertions;
using Pipeline.TestKit.Internal;

namespace Pipeline.TestKit.Tests.Processes;

public sealed class ServiceProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _logFolder = Directory.CreateTempSubdirectory("serviceprocess-tests-").FullName;

    private static string TestServiceDll => Path.Combine(AppContext.BaseDirectory, "TestService.dll");

    [Fact]
    public async Task A_dotnet_service_gets_its_url_and_environment_and_its_output_is_captured()
    {
        var logFile = Path.Combine(_logFolder, "api-server.log");
        await using var service = ServiceProcess.StartDotnet("api-server", TestServiceDll,
            new Dictionary<string, string?> { ["GREETING"] = "hello Dana" }, logFile);

        var listening = await service.WaitForLogLineAsync(l => l.Contains("listening"), Timeout, "that it is listening");
        await service.WaitForLogLineAsync(l => l.Contains("diagnostics on stderr"), Timeout, "its stderr line");

        listening.Should().Contain($"\"url\":\"{service.BaseUrl}\"").And.Contain("hello Dana");
        service.BaseUrl.Should().Be($"http://127.0.0.1:{service.Port}");
        service.Pid.Should().BeGreaterThan(0);
        service.HasExited.Should().BeFalse();
        service.ExitCode.Should().BeNull();
        (await File.ReadAllTextAsync(logFile, TestContext.Current.CancellationToken))
            .Should().Contain("listening").And.Contain("diagnostics on stderr");
    }

    [Fact]
    public async Task Healthy_means_the_service_answers_200_and_sigterm_lets_it_shut_down_gracefully()
    {
        await using var service = ServiceProcess.StartDotnet("api-server", TestServiceDll,
            new Dictionary<string, string?>(), Path.Combine(_logFolder, "api.log"));

        await service.WaitForHealthyAsync("/health", Timeout);
        var exitCode = await service.StopAsync(gracePeriod: Timeout);

        exitCode.Should().Be(0, "the service handled SIGTERM itself");
        service.LogLines.Should().Contain(l => l.Contains("\"path\":\"/health\"")).And.Contain(l => l.Contains("shutting down"));
        service.HasExited.Should().BeTrue();
    }

    [Fact]
    public async Task Waiting_for_health_fails_at_once_with_the_exit_code_when_the_service_dies()
    {
        await using var service = Shell("echo 'fatal: cannot bind'; exit 4");

        var wait = () => service.WaitForHealthyAsync("/health", Timeout);

        (await wait.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*exited with code 4*").WithMessage("*fatal: cannot bind*");
    }

    [Fact]
    public async Task Waiting_for_a_log_line_fails_early_when_the_process_exits_without_writing_it()
    {
        await using var service = Shell("echo started; exit 5");

        var wait = () => service.WaitForLogLineAsync(l => l.Contains("never written"), Timeout, "a line that never comes");

        (await wait.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*exited with code 5*");
    }

    [Fact]
    public async Task Waiting_for_a_log_line_times_out_with_the_description_and_the_output()
    {
        await using var service = Shell("echo only-this-line; exec sleep 30");

        var wait = () => service.WaitForLogLineAsync(l => l.Contains("ready"), TimeSpan.FromMilliseconds(300), "'ready'");

        (await wait.Should().ThrowAsync<TimeoutException>()).WithMessage("*did not log 'ready'*only-this-line*");
    }

    [Fact]
    public async Task Sigstop_freezes_the_process_and_sigcont_resumes_it()
    {
        await using var service = Shell("echo ready; exec sleep 30");
        await service.WaitForLogLineAsync(l => l == "ready", Timeout, "ready");

        service.Signal(ProcessSignal.Stop);
        await WaitForStateAsync(service.Pid, 'T', "stopped");

        service.Signal(ProcessSignal.Continue);
        await WaitForStateAsync(service.Pid, 'S', "sleeping again");
        service.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task Sigkill_ends_the_process_with_exit_code_137()
    {
        await using var service = Shell("echo ready; exec sleep 30");
        await service.WaitForLogLineAsync(l => l == "ready", Timeout, "ready");

        service.Signal(ProcessSignal.Kill);

        (await service.WaitForExitAsync(Timeout)).Should().Be(128 + 9);
        var signalAgain = () => service.Signal(ProcessSignal.Terminate);
        signalAgain.Should().Throw<InvalidOperationException>().WithMessage("*not running*");
    }

    [Fact]
    public async Task Stop_runs_the_sigterm_handler_when_the_process_has_one()
    {
        await using var service = Shell("trap 'kill $!; echo draining; exit 3' TERM; echo ready; sleep 30 & wait");
        await service.WaitForLogLineAsync(l => l == "ready", Timeout, "ready");

        var exitCode = await service.StopAsync(Timeout);

        exitCode.Should().Be(3);
        service.LogLines.Should().Contain("draining");
    }

    [Fact]
    public async Task Stop_escalates_to_sigkill_when_sigterm_is_ignored()
    {
        await using var service = Shell("trap '' TERM; echo ready; exec sleep 30");
        await service.WaitForLogLineAsync(l => l == "ready", Timeout, "ready");

        var exitCode = await service.StopAsync(TimeSpan.FromMilliseconds(300));

        exitCode.Should().Be(128 + 9);
    }

    [Fact]
    public async Task Stop_also_ends_a_frozen_process()
    {
        await using var service = Shell("trap 'kill $!; exit 0' TERM; echo ready; sleep 30 & wait");
        await service.WaitForLogLineAsync(l => l == "ready", Timeout, "ready");
        service.Signal(ProcessSignal.Stop);

        var exitCode = await service.StopAsync(Timeout);

        exitCode.Should().Be(0, "the stop resumed it so its SIGTERM handler could run");
    }

    [Fact]
    public async Task Restart_keeps_the_port_and_log_and_starts_a_new_process()
    {
        var logFile = Path.Combine(_logFolder, "worker.log");
        await using var service = ServiceProcess.StartDotnet("base-worker", TestServiceDll, new Dictionary<string, string?>(), logFile);
        await service.WaitForHealthyAsync("/health", Timeout);
        var (firstPid, port) = (service.Pid, service.Port);

        await service.RestartAsync(Timeout);
        await service.WaitForHealthyAsync("/health", Timeout);

        service.Pid.Should().NotBe(firstPid);
        service.Port.Should().Be(port);
        service.LogLines.Should().NotContain(l => l.Contains("shutting down"), "lines of the previous run are not the current run's");
        File.ReadAllLines(logFile).Count(l => l.Contains("listening")).Should().Be(2);
    }

    [Fact]
    public async Task Dispose_kills_the_process_and_its_children_leaving_no_orphan()
    {
        var service = Shell("sleep 300 & echo child=$!; wait");
        var line = await service.WaitForLogLineAsync(l => l.StartsWith("child=", StringComparison.Ordinal), Timeout, "the child's pid");
        var childPid = int.Parse(line["child=".Length..]);
        var parentPid = service.Pid;

        await service.DisposeAsync();

        await WaitUntilGoneAsync(parentPid);
        await WaitUntilGoneAsync(childPid);
    }

    [Fact]
    public void Free_ports_are_bindable_on_loopback()
    {
        var port = FreePort.Next();

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start();
        port.Should().BeInRange(1024, 65535);
    }

    public void Dispose() => Directory.Delete(_logFolder, recursive: true);

    private ServiceProcess Shell(string script) => ServiceProcess.Start(new ServiceProcessOptions
    {
        Name = "shell",
        FileName = "/bin/sh",
        Arguments = ["-c", script],
        LogFile = Path.Combine(_logFolder, $"shell-{Guid.NewGuid():N}.log"),
    });

    private static Task WaitForStateAsync(int pid, char state, string description) =>
        Poll.UntilAsync($"process {pid} {description}",
            _ => Task.FromResult(ProcessState(pid) == state ? null : $"state {ProcessState(pid)}"),
            Timeout, () => "");

    /// <summary>Gone means no /proc entry, or a zombie waiting for init to reap it.</summary>
    private static Task WaitUntilGoneAsync(int pid) =>
        Poll.UntilAsync($"process {pid} gone",
            _ => Task.FromResult(ProcessState(pid) is null or 'Z' ? null : $"state {ProcessState(pid)}"),
            Timeout, () => "");

    private static char? ProcessState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
