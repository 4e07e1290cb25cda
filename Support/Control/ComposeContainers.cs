using System.Text.RegularExpressions;
using Acceptance.Support.Configuration;
using Acceptance.Support.Waiting;

namespace Acceptance.Support.Control;

/// <summary>
/// The compose project's containers as docker reports them, read the same way whichever compose
/// started them (v2 and 1.29 name containers differently but label them alike). Waits on health
/// status itself, since docker-compose 1.29 has no `up --wait`. Each is named as the suite knows it (see <see cref="ComposeServiceMap"/>).
/// </summary>
public sealed partial class ComposeContainers(DockerCompose docker, ComposeServiceMap map, Waiter waiter)
{
    public async Task<IReadOnlyList<ComposeContainer>> ListAsync()
    {
        var lines = await docker.DockerAsync("ps", "--all", "--no-trunc",
            "--filter", $"label=com.docker.compose.project={docker.ProjectName}",
            "--format", "{{.ID}}\t{{.Label \"com.docker.compose.service\"}}\t{{.State}}\t{{.Status}}");
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(f => new ComposeContainer(f[0][..12], f[1], map.SuiteName(f[1], f[0][..12]), f[2], f[3]))
            .OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The containers a name stands for: a part's by the suite's name (e.g. "postgres", "base-worker" for every
    /// worker) or by its compose service, or one worker's, named by anything carrying its container id
    /// ("base-worker-&lt;id&gt;", or the worker id the queue records, "&lt;container hostname&gt;-&lt;suffix&gt;").
    /// </summary>
    public async Task<IReadOnlyList<ComposeContainer>> ResolveAsync(string name)
    {
        var containers = await ListAsync();
        var matched = Named(containers, name);
        return matched.Count > 0 ? matched
            : throw new InvalidOperationException($"No container of the compose project is '{name}'; there are: {string.Join(", ", containers.Select(c => c.Name))}.");
    }

    /// <summary>Whether any container the name stands for is running (false when there is none).</summary>
    public async Task<bool> IsRunningAsync(string name) => Named(await ListAsync(), name).Any(c => c.Running);

    private List<ComposeContainer> Named(IEnumerable<ComposeContainer> containers, string name)
    {
        var id = ContainerId().Match(name);
        return id.Success
            ? containers.Where(c => c.Id == id.Value).ToList()
            : containers.Where(c => c.Name == name || c.Service == name || (name == ServiceNames.Worker && map.IsWorker(c.Service))).ToList();
    }

    /// <summary>The running workers' containers.</summary>
    public async Task<IReadOnlyList<ComposeContainer>> WorkersAsync() =>
        (await ListAsync()).Where(c => map.IsWorker(c.Service) && c.Running).ToList();

    /// <summary>Waits until every container of the project runs and reports itself healthy.</summary>
    public Task UntilAllHealthyAsync(TimeSpan timeout) => UntilAllHealthyAsync(timeout, ListAsync);

    /// <summary>
    /// As <see cref="UntilAllHealthyAsync(TimeSpan)"/>, for a fresh start: a container that has exited
    /// or is being restarted after a crash will not become healthy, so that fails at once, with its log's end.
    /// </summary>
    public Task UntilAllStartedHealthyAsync(TimeSpan timeout) => UntilAllHealthyAsync(timeout, async () =>
    {
        var containers = await ListAsync();
        if (containers.FirstOrDefault(c => c.State is "exited" or "dead" or "restarting") is { } crashed)
            throw new InvalidOperationException($"{crashed.Name} crashed while starting ({crashed.Status}); the end of its log:\n" +
                await docker.DockerAsync("logs", "--tail", "20", crashed.Id));
        return containers;
    });

    private Task UntilAllHealthyAsync(TimeSpan timeout, Func<Task<IReadOnlyList<ComposeContainer>>> probe) =>
        waiter.UntilAsync("every compose container running and healthy", probe,
            containers => containers.Count > 0 && containers.All(c => c.Healthy),
            timeout,
            containers => string.Join(", ", containers.Select(c => $"{c.Name} {c.Status}")));

    [GeneratedRegex("(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])")]
    private static partial Regex ContainerId();
}

/// <summary>One container: its short id, compose service, the suite's name for it, state (running, exited, paused…) and docker's status line.</summary>
public sealed record ComposeContainer(string Id, string Service, string Name, string State, string Status)
{
    public bool Running => State == "running";

    /// <summary>
    /// Running, and its healthcheck has passed (every service in docker-compose.yml has one); a service without a
    /// healthcheck counts once it runs, as docker cannot say more of it.
    /// </summary>
    public bool Healthy => Running && (Status.Contains("(healthy)", StringComparison.Ordinal) || !HasHealthcheck);

    private bool HasHealthcheck => Status.Contains("(health", StringComparison.Ordinal) || Status.Contains("(unhealthy)", StringComparison.Ordinal);
}
