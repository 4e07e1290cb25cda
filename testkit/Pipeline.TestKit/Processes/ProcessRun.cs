using System.Diagnostics;

namespace Pipeline.TestKit;

/// <summary>
/// Runs a short-lived command to its end: output and errors captured, stdin closed (a command that
/// asks a question must not hang the run), and killed with its children when it outlives its timeout.
/// The one place the suite, the selftests and the kit start a command and wait for it.
/// </summary>
public static class ProcessRun
{
    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IEnumerable<KeyValuePair<string, string>>? environment = null,
        string? workingDirectory = null,
        CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        var command = string.Join(' ', new[] { program }.Concat(start.ArgumentList));

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        // Both streams read at once: a child that fills one pipe while we wait on the other would block forever.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancel.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            throw new ProcessTimeoutException(command, timeout, await output + await errors);
        }
        return new ProcessResult(command, process.ExitCode, await output, await errors, clock.Elapsed);
    }
}

/// <summary>What a finished command left: its exit code, what it wrote to stdout and stderr, and how long it took.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output, string Errors, TimeSpan Took)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both streams, stdout first: what a person running the command would have read.</summary>
    public string AllOutput => Errors.Length == 0 ? Output : $"{Output}{Errors}";

    /// <summary>This result when the command succeeded; otherwise fails with the command, its exit code and its output.</summary>
    public ProcessResult ThrowIfFailed() => Succeeded
        ? this
        : throw new InvalidOperationException($"'{Command}' exited with {ExitCode}. Output:{Environment.NewLine}{AllOutput}");
}

/// <summary>A command that outlived its timeout (it has been killed); carries what it wrote until then.</summary>
public sealed class ProcessTimeoutException(string command, TimeSpan timeout, string output)
    : TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:0} s. Output:{Environment.NewLine}{output}")
{
    public string Output { get; } = output;
}
