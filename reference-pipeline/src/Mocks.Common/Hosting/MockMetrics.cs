using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Mocks.Common.Hosting;

public static class MockMetrics
{
    /// <summary>
    /// <c>GET /metrics</c>: prometheus-net's default registry, i.e. the process (CPU, memory, GC)
    /// and .NET meters such as ASP.NET Core's request durations by status — enough for Prometheus
    /// to see that a mock is up and what it answered.
    /// </summary>
    public static IEndpointConventionBuilder MapMockMetrics(this IEndpointRouteBuilder app) => app.MapMetrics("/metrics");
}
