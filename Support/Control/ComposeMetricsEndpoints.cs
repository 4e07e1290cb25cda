using Acceptance.Support.Resources;

namespace Acceptance.Support.Control;

/// <summary>
/// Each compose container's /metrics, reached at its address on the project's network (the host
/// routes to a bridge network's containers), so the workers, which publish no port and run as
/// several replicas, are read one by one. The ports are those docker-compose.yml gives the services
/// inside their containers; postgres serves no /metrics, and the database's connections are sampled
/// from the database itself.
/// </summary>
public sealed class ComposeMetricsEndpoints(ComposeContainers containers, DockerCompose docker) : IServiceMetricsEndpoints
{
    private static readonly IReadOnlyDictionary<string, int> MetricsPorts = new Dictionary<string, int>
    {
        ["api-server"] = 8080,
        [ComposeContainers.WorkerService] = 9464, // Metrics__Url in docker-compose.yml
        ["mock-llamaparse"] = 8080,
        ["mock-openai"] = 8080,
    };

    public string? MissingBecause => null;

    public async Task<IReadOnlyDictionary<string, Uri>> ResolveAsync(CancellationToken ct)
    {
        var running = (await containers.ListAsync()).Where(c => c.Running && MetricsPorts.ContainsKey(c.Service)).ToList();
        if (running.Count == 0) return new Dictionary<string, Uri>();
        var addresses = await docker.DockerAsync(["inspect", "--format",
            "{{.Id}} {{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", .. running.Select(c => c.Id)]);
        var addressOf = addresses.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 2)
            .ToDictionary(f => f[0][..12], f => f[1]);
        return running.Where(c => addressOf.ContainsKey(c.Id)).ToDictionary(
            c => c.Name, c => new Uri($"http://{addressOf[c.Id]}:{MetricsPorts[c.Service]}/metrics"));
    }
}
