using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Core.Chunking;
using Pipeline.Core.Options;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;

namespace BaseWorker;

public static class WorkerRegistration
{
    /// <summary>The worker's options, providers, stages and the hosted queue loop.</summary>
    public static IHostApplicationBuilder AddBaseWorker(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Misconfiguration stops the worker at start with a message naming the variable.
        builder.Services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section))
            .Validate(o => o.Concurrency >= 1, "Worker__Concurrency must be at least 1.")
            .Validate(o => o.LeaseSeconds >= 1, "Worker__LeaseSeconds must be at least 1.")
            .Validate(o => o.MaxAttempts >= 1, "Worker__MaxAttempts must be at least 1.")
            .Validate(o => o.BackoffBaseMs >= 0 && o.BackoffMaxMs >= o.BackoffBaseMs, "Worker__BackoffBaseMs must be 0..Worker__BackoffMaxMs.")
            .ValidateOnStart();
        builder.Services.AddOptions<LlamaParseOptions>().Bind(configuration.GetSection(LlamaParseOptions.Section))
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "LlamaParse__BaseUrl must be an absolute URL.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), "LlamaParse__ApiKey is required.")
            .ValidateOnStart();
        builder.Services.AddOptions<OpenAiOptions>().Bind(configuration.GetSection(OpenAiOptions.Section))
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "OpenAI__BaseUrl must be an absolute URL.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), "OpenAI__ApiKey is required.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Model), "OpenAI__Model is required.")
            .ValidateOnStart();
        builder.Services.AddOptions<ChunkingOptions>().Bind(configuration.GetSection(ChunkingOptions.Section))
            .Validate(o => o.MaxTokens is >= 16 and <= TextChunker.MaxInputTokens, $"Chunking__MaxTokens must be 16..{TextChunker.MaxInputTokens}.")
            .Validate(o => o.OverlapTokens >= 0 && o.OverlapTokens <= o.MaxTokens / 2, "Chunking__OverlapTokens must be 0..MaxTokens/2.")
            .ValidateOnStart();

        // Running stages get ShutdownDeadlineSeconds after SIGTERM; the host waits a little longer
        // so the unfinished jobs can still be released.
        var deadline = configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>()?.ShutdownDeadlineSeconds
                       ?? new WorkerOptions().ShutdownDeadlineSeconds;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(deadline + 5));

        builder.Services.AddHttpClient<LlamaParseClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<LlamaParseOptions>>().Value;
            LlamaParseClient.Configure(http, options.BaseUrl, options.ApiKey, TimeSpan.FromSeconds(options.TimeoutSeconds));
        });
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkerOptions>>().Value);
        builder.Services.AddSingleton(sp => new OpenAiEmbedder(sp.GetRequiredService<IOptions<OpenAiOptions>>().Value));
        builder.Services.AddSingleton(sp => new TextChunker(sp.GetRequiredService<IOptions<ChunkingOptions>>().Value));
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<WorkerDocuments>();
        builder.Services.AddTransient<StageRunner>();
        builder.Services.AddTransient<JobProcessor>();
        builder.Services.AddSingleton<JobReadySignal>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobReadySignal>());
        builder.Services.AddHostedService<QueueWorker>();
        return builder;
    }
}
