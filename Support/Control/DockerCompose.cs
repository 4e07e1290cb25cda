using System.Diagnostics;

namespace Acceptance.Support.Control;

/// <summary>Runs docker (compose) commands against the repository's docker-compose.yml and fails with their output.</summary>
public sealed class DockerCompose(string composeFile, IReadOnlyDictionary<string, string> environment)
{
    public Task<string> ComposeAsync(params string[] arguments) =>
        RunAsync(["compose", "-f", composeFile, .. arguments]);

    public async Task<string> RunAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start docker.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        return await output;
    }
}
