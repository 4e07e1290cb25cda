using Acceptance.Support.Monitoring;
using Acceptance.Support.Resources;

namespace Acceptance.Support.Control;

/// <summary>
/// Each compose container's /metrics, reached at its address on the project's network (the host
/// routes to a bridge network's containers), so workers, which publish no port and may run as
/// several replicas, are read one by one. <paramref name="metricsPorts"/> gives, per compose service,
/// the port inside its containers that serves /metrics (the published port of the api-server and the
/// fakes, the workers' from the service map); the database serves none, and its connections are
/// sampled from the database itself. The alert rules can watch the target when the map gives the workers' port.
/// </summary>
public sealed class ComposeMetricsEndpoints(
    ComposeContainers containers, DockerCompose docker, ComposeServiceMap map, IReadOnlyDictionary<string, int> metricsPorts)
    : IServiceMetricsEndpoints
{
    public string? MissingBecause => null;

    public string? TooFewForTheAlertRulesBecause => ScrapeTargets.TooFewForTheRulesBecause(
        metricsPorts.ContainsKey(map.Api.Service), map.WorkerServices.Where(metricsPorts.ContainsKey).ToList(), map.WorkerServices);

    public async Task<IReadOnlyDictionary<string, Uri>> ResolveAsync(CancellationToken ct)
    {
        var running = (await containers.ListAsync()).Where(c => c.Running && metricsPorts.ContainsKey(c.Service)).ToList();
        if (running.Count == 0) return new Dictionary<string, Uri>();
        var addresses = await docker.DockerAsync(["inspect", "--format",
            "{{.Id}} {{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", .. running.Select(c => c.Id)]);
        var addressOf = addresses.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 2)
            .ToDictionary(f => f[0][..12], f => f[1]);
        return running.Where(c => addressOf.ContainsKey(c.Id)).ToDictionary(
            c => c.Name, c => new Uri($"http://{addressOf[c.Id]}:{metricsPorts[c.Service]}/metrics"));
    }
}
