using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Mocks.Common.Hosting;

public static class MockMetrics
{
    /// <summary>
    /// One registry per process with the process's own series (CPU, memory, GC, threads): enough for
    /// Prometheus to see that a mock is up and what it costs. What a mock answered is in its request log.
    /// </summary>
    private static readonly Lazy<CollectorRegistry> Registry = new(() =>
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        return registry;
    });

    /// <summary><c>GET /metrics</c> in Prometheus text format.</summary>
    public static IEndpointConventionBuilder MapMockMetrics(this IEndpointRouteBuilder app) => app.MapMetrics("/metrics", Registry.Value);
}
