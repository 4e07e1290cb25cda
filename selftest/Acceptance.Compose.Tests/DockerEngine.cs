using System.Diagnostics;

namespace Acceptance.Compose.Tests;

/// <summary>Whether a Docker engine answers here (scripts/setup.sh installs and starts one where it can).</summary>
public static class DockerEngine
{
    /// <summary>Null when `docker info` answers; otherwise why the compose target cannot run here.</summary>
    public static async Task<string?> UnavailableBecauseAsync()
    {
        try
        {
            var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("info");
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0 ? null : $"no Docker engine answers (docker info: {(await errors).Trim()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "Docker is not installed (scripts/setup.sh installs docker.io and docker-compose)";
        }
        catch (OperationCanceledException)
        {
            return "the Docker engine did not answer docker info within 30 s";
        }
    }
}
