using System.Diagnostics;
using System.Net.Http;
using Pipeline.TestKit.Internal;

namespace Pipeline.TestKit;

/// <summary>
/// A service under test running as a child process on a loopback port: its output captured line by
/// line, controllable with real signals, restartable on the same port, and never left behind.
/// The child stays in the test process's process group, so Ctrl+C reaches it too, and anything still
/// running when the test process exits normally (or on SIGTERM) is killed.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(15);

    private readonly ServiceProcessOptions _options;
    private readonly LogCapture _log;
    private Process _process = null!;
    private Task _runEnded = Task.CompletedTask;
    private long _runFirstLine;
    private int _disposed;

    private ServiceProcess(ServiceProcessOptions options, int port, string logFile)
    {
        _options = options;
        Port = port;
        LogFile = logFile;
        _log = new LogCapture(logFile, options.LogBufferLines);
    }

    public string Name => _options.Name;

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, without a trailing slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string LogFile { get; }

    /// <summary>Process id of the current run.</summary>
    public int Pid { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>Exit code of the current run once it has ended (128 + signal when a signal ended it); null while running.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Lines the current run has written so far (bounded by the ring buffer).</summary>
    public IReadOnlyList<string> LogLines => _log.Recent(_runFirstLine);

    /// <summary>Starts <paramref name="options"/>' program; returns once the process exists (not once it is ready).</summary>
    public static ServiceProcess Start(ServiceProcessOptions options)
    {
        var port = options.Port ?? FreePort.Next();
        var logFile = options.LogFile ?? Path.Combine(Path.GetTempPath(), $"{options.Name}-{Guid.NewGuid():N}.log");
        var service = new ServiceProcess(options, port, logFile);
        service.StartRun();
        return service;
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt;</c> with the given environment on a free loopback port.</summary>
    public static ServiceProcess StartDotnet(string name, string dllPath, IReadOnlyDictionary<string, string?> environment, string logFile) =>
        Start(new ServiceProcessOptions
        {
            Name = name,
            FileName = "dotnet",
            Arguments = [dllPath],
            Environment = environment,
            LogFile = logFile,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dllPath)),
        });

    /// <summary>Waits for a line of the current run that matches; fails early if the process ends first.</summary>
    public async Task<string> WaitForLogLineAsync(Func<string, bool> match, TimeSpan timeout, string description)
    {
        var line = _log.WhenLine(match, _runFirstLine, out var cancel);
        if (!line.IsCompleted && _runEnded.IsCompleted)
        {
            // Ended before we started waiting, so no end-of-run notice will reach this waiter.
            cancel();
            throw new InvalidOperationException(
                $"{Name} (pid {Pid}) exited with code {ExitCode} without logging {description}.{Environment.NewLine}{DescribeOutput()}");
        }
        try
        {
            return await line.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            cancel();
            throw new TimeoutException(
                $"{Name} did not log {description} within {timeout.TotalSeconds:0.#} s.{Environment.NewLine}{DescribeOutput()}");
        }
    }

    /// <summary>GETs <paramref name="path"/> until it answers 200; fails early if the process ends.</summary>
    public Task WaitForHealthyAsync(string path, TimeSpan timeout) =>
        Poll.UntilAsync(
            $"{Name} answering 200 on GET {path}",
            async ct =>
            {
                if (_runEnded.IsCompleted) // exited and all its output captured
                    throw new InvalidOperationException(
                        $"{Name} exited with code {ExitCode} before answering 200 on GET {path}.{Environment.NewLine}{DescribeOutput()}");
                try
                {
                    using var response = await Http.GetAsync(BaseUrl + path, ct);
                    return response.IsSuccessStatusCode && (int)response.StatusCode == 200
                        ? null
                        : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                }
                catch (HttpRequestException e)
                {
                    return e.Message;
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    return "request timed out";
                }
            },
            timeout,
            DescribeOutput);

    /// <summary>Sends a POSIX signal to the process (not to its own children).</summary>
    public void Signal(ProcessSignal signal)
    {
        if (HasExited || !LibC.SendSignal(Pid, (int)signal))
            throw new InvalidOperationException($"{Name} (pid {Pid}) is not running; cannot send {signal}.");
    }

    /// <summary>Waits for the current run to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _runEnded.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} (pid {Pid}) did not exit within {timeout.TotalSeconds:0.#} s.{Environment.NewLine}{DescribeOutput()}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, then SIGKILL (the whole tree) if it has not exited after <paramref name="gracePeriod"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan gracePeriod)
    {
        if (!HasExited)
        {
            LibC.SendSignal(Pid, (int)ProcessSignal.Terminate);
            // A frozen (SIGSTOPped) process only acts on SIGTERM once it runs again.
            LibC.SendSignal(Pid, (int)ProcessSignal.Continue);
            try
            {
                await _runEnded.WaitAsync(gracePeriod);
            }
            catch (TimeoutException)
            {
                KillTree();
            }
        }
        return await WaitForExitAsync(KillWait);
    }

    /// <summary>Stops the current run (see <see cref="StopAsync"/>) and starts a new one on the same port and log.</summary>
    public async Task RestartAsync(TimeSpan? gracePeriod = null)
    {
        await StopAsync(gracePeriod ?? TimeSpan.FromSeconds(10));
        StartRun();
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string LogTail(int lines = 40) => _log.Tail(lines);

    /// <summary>Kills the process and everything it started. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            KillTree();
            await _runEnded.WaitAsync(KillWait);
        }
        catch
        {
            /* best effort; the janitor registration is removed regardless */
        }
        ProcessJanitor.Unregister(this);
        _process.Dispose();
        _log.Dispose();
    }

    private void StartRun()
    {
        var start = new ProcessStartInfo(_options.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // never share the test runner's console input
            WorkingDirectory = _options.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in _options.Arguments) start.ArgumentList.Add(argument);
        if (_options.SetUrls) start.Environment["Urls"] = BaseUrl;
        foreach (var (name, value) in _options.Environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        // The run is over when the process has exited and both pipes reached end of file, so every
        // line it wrote is captured before anyone is told it ended.
        var pending = 3;
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OneLess()
        {
            if (Interlocked.Decrement(ref pending) > 0) return;
            var exitCode = process.ExitCode;
            _log.FailWaiters(() => new InvalidOperationException(
                $"{Name} (pid {process.Id}) exited with code {exitCode}.{Environment.NewLine}{DescribeOutput()}"));
            ended.TrySetResult();
        }
        void OnLine(DataReceivedEventArgs e)
        {
            if (e.Data is null) OneLess();
            else _log.Append(e.Data);
        }
        process.OutputDataReceived += (_, e) => OnLine(e);
        process.ErrorDataReceived += (_, e) => OnLine(e);
        process.Exited += (_, _) => OneLess();

        _runFirstLine = _log.NextSequence;
        process.Start();
        process.StandardInput.Close();
        _process = process;
        _runEnded = ended.Task;
        Pid = process.Id;
        ProcessJanitor.Register(this, KillTree);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void KillTree()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            /* exited between the check and the kill */
        }
    }

    private string DescribeOutput() => $"Last output of {Name} (log: {LogFile}):{Environment.NewLine}{LogTail()}";
}
