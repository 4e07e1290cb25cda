using Pipeline.Core.Metrics;
using ApiServer.Data;
using ApiServer.Endpoints;
using ApiServer.Hosting;
using ApiServer.Http;
using ApiServer.Metrics;
using ApiServer.Options;
using ApiServer.Uploads;
using Npgsql;
using Pipeline.Core.Defects;
using Pipeline.Core.Hosting;
using Pipeline.Core.Logging;
using Pipeline.Core.Options;
using Pipeline.Core.Storage;
using Prometheus;

namespace ApiServer;

/// <summary>Builds the api-server; <c>Program</c> runs it, tests start it in-process on a loopback port.</summary>
public static class ApiServerApp
{
    public const string ServiceName = "api-server";

    /// <param name="args">Command-line arguments (configuration overrides such as <c>--Urls=...</c>).</param>
    /// <param name="configure">Lets a host (tests) add configuration before services are bound.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.UsePipelineLogging(ServiceName);
        AddOptions(builder);
        AddServices(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<DatabaseGauges>().Register();
        WarnAboutTestDefects(app);
        UseMiddleware(app);
        MapEndpoints(app);
        return app;
    }

    private static void AddOptions(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<UploadOptions>().Bind(builder.Configuration.GetSection(UploadOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.AddOptions<PipelineOptions>().Bind(builder.Configuration.GetSection(PipelineOptions.Section));

        // Kestrel refuses bodies past the limit while they stream in, so an oversized upload is
        // never buffered; the upload reader enforces the exact file limit.
        var upload = builder.Configuration.GetSection(UploadOptions.Section).Get<UploadOptions>() ?? new UploadOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = upload.MaxRequestBytes);
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(PipelineOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings__{PipelineOptions.ConnectionStringName} is required (Npgsql connection string).");
        }
        var storageRoot = builder.Configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>()?.StorageRoot
                          ?? new PipelineOptions().StorageRoot;

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        var storage = new DocumentStorage(storageRoot);
        // Uploads cut off by a crash of an earlier process are never adopted: clear them at start.
        if (Directory.Exists(storage.Root)) storage.RemoveAbandonedUploads(TimeSpan.FromHours(1));
        builder.Services.AddSingleton(storage);
        builder.AddTestSettings();
        builder.Services.AddSingleton<PipelineDatabase>();
        builder.Services.AddSingleton(ReadAccessDefects.Access);
        builder.Services.AddSingleton<DocumentStore>();
        builder.Services.AddSingleton(DocumentIdentityDefects.Identity);
        builder.Services.AddSingleton(DocumentInspectionDefects.Inspection);
        builder.Services.AddSingleton(UploadReaderDefects.Reader);
        builder.Services.AddSingleton(ReuploadDefects.Rule);
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton(ParserNoticeDefects.Check);
        builder.Services.AddSingleton<PipelineStatsReader>();
        builder.Services.AddSingleton<PipelineMetrics>();
        builder.Services.AddHostedService<PeriodicFullCollection>();
        builder.Services.AddSingleton<UploadCounter>();
        builder.Services.AddSingleton(UploadCounterDefects.Counter);
        builder.Services.AddSingleton<DatabaseGauges>();
        builder.Services.AddScoped<UploadService>();
        builder.Services.AddHostedService<MigrateAtStart>();
        builder.Services.AddPipelineJwtAuthentication();
    }

    private static void WarnAboutTestDefects(WebApplication app)
    {
        var defects = app.Services.GetRequiredService<PipelineDefects>();
        if (defects.Enabled.Count > 0) app.Logger.LogWarning("Test defects enabled: {Defects}", defects.ToString());
    }

    private static void UseMiddleware(WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<PipelineMetrics>();
        app.UseCorrelation();
        app.UseApiErrorHandling();
        app.UseRouting();
        app.UseHttpMetrics(options =>
        {
            options.SetMetricFactory(Prometheus.Metrics.WithCustomRegistry(metrics.Registry));
            options.RequestDuration.Histogram = metrics.HttpRequestDuration;
        });
        app.UseAuthentication();
        app.UseAuthorization();
    }

    private static void MapEndpoints(WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<PipelineMetrics>();
        app.MapHealthEndpoints();
        app.MapMetrics("/metrics", metrics.Registry).AllowAnonymous();
        app.MapDocumentEndpoints();
        app.MapJobEndpoints();
        app.MapWebhookEndpoints();
        app.MapOperatorEndpoints();
    }
}
