using System.Diagnostics;
using System.Text;

namespace Pipeline.TestKit.Internal;

/// <summary>Runs a short-lived command to completion and fails with its output when it fails.</summary>
internal static class CommandRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Messages in English whatever the machine's locale, so failures read the same everywhere.
        start.Environment["LC_ALL"] = "C";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Describe(start)}' did not finish within {timeout.TotalSeconds:0} s. Output:{Environment.NewLine}{output}");
        }

        var result = new Result(process.ExitCode, output.ToString());
        if (throwOnFailure && result.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{Describe(start)}' exited with {result.ExitCode}. Output:{Environment.NewLine}{result.Output}");
        return result;
    }

    private static string Describe(ProcessStartInfo start) =>
        string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList));
}
