using System.Globalization;
using System.Text.Json;
using Acceptance.Support.Configuration;

namespace Acceptance.Support.Control;

/// <summary>
/// Where the suite reaches each published part of a started compose project from this machine, read from its
/// running containers (docker inspect), so nothing assumes the ports a compose file publishes. A part that
/// publishes no port, or several without the map saying which, is a wrong service map.
/// </summary>
public static class ComposePorts
{
    /// <summary>Each published part's endpoint by the suite's name for it (api-server, postgres, mock-llamaparse, mock-openai).</summary>
    public static async Task<IReadOnlyDictionary<string, ComposeEndpoint>> ReadAsync(
        DockerCompose docker, ComposeContainers containers, ComposeServiceMap map)
    {
        var running = (await containers.ListAsync()).Where(c => c.Running).ToList();
        var endpoints = new Dictionary<string, ComposeEndpoint>();
        var problems = new List<string>();
        foreach (var (suiteName, role, setting) in map.Published)
        {
            if (running.FirstOrDefault(c => c.Service == role.Service) is not { } container)
            {
                problems.Add($"{setting} is '{role}', which has no running container after the start.");
                continue;
            }
            var published = Published(await docker.DockerAsync("inspect", "--format", "{{json .NetworkSettings.Ports}}", container.Id));
            var chosen = role.Port is { } port ? published.Where(p => p.ContainerPort == port).ToList() : published;
            if (chosen.Count == 1)
                endpoints[suiteName] = chosen[0];
            else
                problems.Add(Unreachable(suiteName, role, setting, published));
        }
        return problems.Count == 0 ? endpoints : throw new InvalidSuiteConfigurationException(problems);
    }

    /// <summary>One published binding per container port (the first: IPv4 before IPv6 as docker lists them).</summary>
    private static List<ComposeEndpoint> Published(string portsJson)
    {
        using var ports = JsonDocument.Parse(portsJson);
        if (ports.RootElement.ValueKind != JsonValueKind.Object) return [];
        return ports.RootElement.EnumerateObject()
            .Where(p => p.Name.EndsWith("/tcp", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0)
            .Select(p => (ContainerPort: int.Parse(p.Name[..^4], CultureInfo.InvariantCulture), Binding: p.Value[0]))
            .Select(p => new ComposeEndpoint(p.ContainerPort, HostAddress(p.Binding.GetProperty("HostIp").GetString()),
                int.Parse(p.Binding.GetProperty("HostPort").GetString()!, CultureInfo.InvariantCulture)))
            .OrderBy(e => e.ContainerPort)
            .ToList();
    }

    // A port published on every interface is reached on loopback.
    private static string HostAddress(string? hostIp) => hostIp is null or "" or "0.0.0.0" or "::" ? "127.0.0.1" : hostIp;

    private static string Unreachable(string suiteName, ComposeRole role, string setting, IReadOnlyList<ComposeEndpoint> published)
    {
        var ports = string.Join(", ", published.Select(p => p.ContainerPort));
        return (role.Port, published.Count) switch
        {
            (null, 0) => $"{setting} is '{role}', which publishes no port: the suite reaches the {suiteName} from this machine, so publish one (ports: in the compose file).",
            (null, _) => $"{setting} is '{role}', which publishes ports {ports}: name the one the suite uses, as '{role.Service}:<port inside the container>'.",
            _ => $"{setting} is '{role}', but '{role.Service}' publishes {(published.Count == 0 ? "no port" : $"only {ports}")} inside its container.",
        };
    }
}

/// <summary>A part as the suite reaches it: the port inside its container, and the address and port on this machine.</summary>
public sealed record ComposeEndpoint(int ContainerPort, string HostAddress, int HostPort)
{
    public Uri Url => new($"http://{HostAddress}:{HostPort.ToString(CultureInfo.InvariantCulture)}");
}
