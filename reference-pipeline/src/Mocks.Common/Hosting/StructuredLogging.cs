using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Mocks.Common.Hosting;

public static class StructuredLogging
{
    /// <summary>One compact JSON object per line on stdout, per application instance (no global logger).</summary>
    public static void AddJsonConsoleLogging(this WebApplicationBuilder builder, string serviceName) =>
        builder.Services.AddSerilog((_, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName)
            .WriteTo.Console(new CompactJsonFormatter()));

    /// <summary>
    /// ASP.NET's own "Now listening on: {address}" line keeps the address out of the JSON message
    /// template, so process supervisors that scan stdout for "Now listening on: http://" would miss
    /// it. This line puts the literal address in the template.
    /// </summary>
    public static void LogBoundAddresses(this WebApplication app, string loggerCategory) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(loggerCategory);
            foreach (var address in addresses)
            {
#pragma warning disable CA2254 // the literal address must be part of the template (see summary)
                logger.LogInformation("Now listening on: " + address.Replace("{", "{{").Replace("}", "}}"));
#pragma warning restore CA2254
            }
        });
}
