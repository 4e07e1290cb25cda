using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Context;
using Serilog.Formatting.Compact;

namespace Pipeline.Core.Logging;

/// <summary>Structured JSON logs (one compact object per line on stdout) for every service.</summary>
public static class PipelineLogging
{
    public const string CorrelationId = nameof(CorrelationId);
    public const string JobId = nameof(JobId);
    public const string DocumentId = nameof(DocumentId);

    /// <summary>
    /// Replaces the host's logging with Serilog writing compact JSON to stdout. Works for
    /// WebApplicationBuilder and HostApplicationBuilder alike; levels can be overridden with
    /// the usual <c>Serilog</c> configuration section.
    /// </summary>
    public static IHostApplicationBuilder UsePipelineLogging(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSerilog((_, configuration) => configuration
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Information)
            .MinimumLevel.Override("System.Net.Http", Serilog.Events.LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With(new WebhookTokenRedaction())
            .Enrich.WithProperty("Service", serviceName)
            .WriteTo.Console(new CompactJsonFormatter()),
            // Each host keeps its own logger instead of replacing the process-wide Log.Logger: a second
            // host in the same process (tests start several) must not take over, or close, the first's log.
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>Every log line written until disposal carries the job's identifiers.</summary>
    public static IDisposable PushJobContext(Guid correlationId, Guid? jobId, Guid? documentId)
    {
        var correlation = LogContext.PushProperty(CorrelationId, correlationId);
        var job = LogContext.PushProperty(JobId, jobId);
        var document = LogContext.PushProperty(DocumentId, documentId);
        return new Scope(document, job, correlation);
    }

    private sealed class Scope(params IDisposable[] inner) : IDisposable
    {
        public void Dispose()
        {
            foreach (var disposable in inner) disposable.Dispose();
        }
    }
}
