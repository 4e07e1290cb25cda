using Pipeline.Core.Metrics;
using BaseWorker.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Core.Chunking;
using Pipeline.Core.Costs;
using Pipeline.Core.Defects;
using Pipeline.Core.Options;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;
using Pipeline.Contract;

namespace BaseWorker;

/// <summary>Makes the handler that counts one provider's answers (one per HTTP client).</summary>
public delegate DelegatingHandler ProviderAnswerCounting(string provider);

/// <summary>A change to the OpenAI client's throttle made when the embedder is built (none in production).</summary>
public delegate void OpenAiThrottleAdjustment(ProviderThrottle throttle);

public static class WorkerRegistration
{
    /// <summary>Counts a provider's answers in the worker's metrics (<see cref="ProviderAnswerCounting"/>).</summary>
    private static DelegatingHandler ProviderMetrics(IServiceProvider services, string provider, HttpMessageHandler? inner = null)
    {
        var handler = services.GetRequiredService<ProviderAnswerCounting>()(provider);
        if (inner is not null) handler.InnerHandler = inner;
        return handler;
    }

    /// <summary>The worker's options, providers, stages and the hosted queue loop.</summary>
    public static IHostApplicationBuilder AddBaseWorker(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Misconfiguration stops the worker at start with a message naming the variable.
        builder.Services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section))
            .Validate(o => o.Concurrency >= 1, "Worker__Concurrency must be at least 1.")
            .Validate(o => o.LeaseSeconds >= 1, "Worker__LeaseSeconds must be at least 1.")
            .Validate(o => o.MaxAttempts >= 1, "Worker__MaxAttempts must be at least 1.")
            .Validate(o => o.RetryWindowSeconds >= 1, "Worker__RetryWindowSeconds must be at least 1.")
            .Validate(o => o.RevivalIntervalSeconds >= 1, "Worker__RevivalIntervalSeconds must be at least 1.")
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

        // One throttle for all of this process's LlamaParse calls: concurrency cap, Retry-After, backoff after a 429.
        builder.Services.AddKeyedSingleton("llamaparse", (sp, _) =>
            new ProviderThrottle(sp.GetRequiredService<IOptions<LlamaParseOptions>>().Value.MaxConcurrency));
        builder.Services.AddHttpClient<LlamaParseClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<LlamaParseOptions>>().Value;
            LlamaParseClient.Configure(http, options.BaseUrl, options.ApiKey, TimeSpan.FromSeconds(options.TimeoutSeconds));
        }).AddHttpMessageHandler(sp => new ThrottlingHandler(sp.GetRequiredKeyedService<ProviderThrottle>("llamaparse")))
            .AddHttpMessageHandler(sp => ProviderMetrics(sp, "llamaparse"));
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddSingleton<ProviderAnswerCounting>(sp =>
            provider => new ProviderMetricsHandler(sp.GetRequiredService<WorkerMetrics>(), provider));
        builder.Services.AddHostedService<MetricsEndpoint>();
        builder.Services.AddHostedService<PeriodicFullCollection>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkerOptions>>().Value);
        builder.Services.AddSingleton(sp =>
        {
            var embedder = new OpenAiEmbedder(sp.GetRequiredService<IOptions<OpenAiOptions>>().Value,
                ProviderMetrics(sp, "openai", inner: ProviderTransportDefects.OpenAiTransport(sp)));
            foreach (var adjust in sp.GetServices<OpenAiThrottleAdjustment>()) adjust(embedder.Throttle);
            return embedder;
        });
        builder.Services.AddSingleton(sp => new TextChunker(sp.GetRequiredService<IOptions<ChunkingOptions>>().Value));
        builder.Services.AddSingleton<IChunker>(ChunkTextDefects.Chunker);
        builder.Services.AddSingleton<IChunkingStep, ChunkingStep>();
        builder.Services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.Section))
            .Validate(o => o.LlamaParseUsd >= 0 && o.OpenAiUsd >= 0, "Budget__LlamaParseUsd and Budget__OpenAiUsd must not be negative.")
            // A model or parse mode without a price could never be paid for: stop at start, not at every job.
            .Validate(o => PriceTable.Load(o.PriceTablePath).Prices((configuration.GetSection(OpenAiOptions.Section).Get<OpenAiOptions>() ?? new OpenAiOptions()).Model, o.ParseMode),
                "The price table has no price for OpenAI__Model or Budget__ParseMode; choose a priced one or give a newer table in Budget__PriceTablePath.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<BudgetOptions>>().Value);
        builder.Services.AddSingleton(sp => PriceTable.Load(sp.GetRequiredService<BudgetOptions>().PriceTablePath));
        builder.Services.AddSingleton<SpendLedger>();
        builder.Services.AddTransient<PaidProviderCalls>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<WorkerDocuments>();
        builder.Services.AddSingleton(StageRules.Correct);
        builder.Services.AddTransient<StageRunner>();
        builder.Services.AddTransient<JobProcessor>();
        builder.Services.AddTransient<IJobProcessor>(sp => sp.GetRequiredService<JobProcessor>());
        // Before the queue loop: a refused key stops the worker before it takes any job.
        if (configuration.GetValue("Worker:VerifyProviderKeysAtStart", true))
        {
            builder.Services.AddHttpClient(nameof(ProviderKeyCheck));
            builder.Services.AddHostedService<ProviderKeyCheck>();
        }
        builder.Services.AddSingleton<JobReadySignal>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobReadySignal>());
        builder.Services.AddHostedService<QueueWorker>();
        builder.Services.AddSingleton<SetAsideJobs>();
        builder.Services.AddSingleton<DependencyRecovery>();
        builder.Services.AddHostedService<SetAsideProbe>();
        // Last, so that a test-only replacement wins over the production registration above.
        builder.AddStageDefects();
        builder.AddProviderClientDefects();
        builder.AddDatabaseLossDefects();
        return builder;
    }
}
