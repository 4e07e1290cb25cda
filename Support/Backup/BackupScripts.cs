using System.Diagnostics;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Backup;

/// <summary>Runs the operator's scripts (scripts/backup.sh, scripts/restore.sh) exactly as the README shows them.</summary>
public static class BackupScripts
{
    public static async Task<string> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.ArgumentList.Add(RepositoryFiles.PathOf($"scripts/{script}"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/{script} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        var text = (await output) + (await errors);
        return process.ExitCode == 0
            ? text
            : throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{text}");
    }
}
