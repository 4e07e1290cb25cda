using Pipeline.TestKit;

namespace Acceptance.Compose.Tests;

/// <summary>Whether a Docker engine answers here (scripts/setup.sh installs and starts one where it can).</summary>
public static class DockerEngine
{
    /// <summary>Null when `docker info` answers; otherwise why the compose target cannot run here.</summary>
    public static async Task<string?> UnavailableBecauseAsync()
    {
        try
        {
            var info = await ProcessRun.RunAsync("docker", ["info"], TimeSpan.FromSeconds(30));
            return info.Succeeded ? null : $"no Docker engine answers (docker info: {info.Errors.Trim()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "Docker is not installed (scripts/setup.sh installs docker.io and docker-compose)";
        }
        catch (ProcessTimeoutException)
        {
            return "the Docker engine did not answer docker info within 30 s";
        }
    }
}
