using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Mocks.Common.Admin;
using Mocks.Common.Faults;

namespace Mocks.Common.Hosting;

/// <summary>
/// What every mock provider is built from, so the two mocks differ only in the vendor behaviour
/// they imitate: JSON console logging under the service's name, the fault plan and request log,
/// and the routes the suite relies on (health, admin, metrics) in front of the vendor's own.
/// </summary>
public static class MockHost
{
    /// <summary>
    /// A builder with the shared services registered. Bind with the <c>Urls</c> setting (env var or
    /// <c>--urls</c>); <c>http://127.0.0.1:0</c> picks a free port, readable from <c>app.Urls</c> after start.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder<TSpec, TRecord>(string[] args, string serviceName)
        where TSpec : class, IFaultSpec
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddJsonConsoleLogging(serviceName);
        builder.Services.AddMockCommon<TSpec, TRecord>(builder.Configuration);
        return builder;
    }

    /// <summary>The request log, then health, the admin routes and metrics; the mock maps its vendor routes after this.</summary>
    public static void MapMockEssentials<TSpec, TRecord, TRequestLog>(this WebApplication app,
        Func<FaultPlan<TSpec>?, IReadOnlyList<string>> validate)
        where TSpec : class, IFaultSpec
    {
        app.LogBoundAddresses($"{app.Environment.ApplicationName}.Startup");
        app.UseMiddleware<TRequestLog>();
        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        app.MapMockAdmin<TSpec, TRecord>(validate);
        app.MapMockMetrics();
    }
}
