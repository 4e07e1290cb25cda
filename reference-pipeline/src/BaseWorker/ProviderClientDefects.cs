using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Core.Defects;

namespace BaseWorker;

/// <summary>
/// Test-only defects of the worker's provider clients, registered only when PIPELINE_DEFECTS names them
/// in the Testing environment, replacing what <see cref="WorkerRegistration"/> registers:
/// <list type="bullet">
/// <item>silent-provider-metrics: provider answers pass a handler that counts nothing, so an outage raises no alert.</item>
/// <item>ignore-retry-after (its client half; the queue half is in <see cref="QueueDefects"/>): the OpenAI throttle does not wait out a 429's Retry-After.</item>
/// <item>unthrottled-openai: the OpenAI throttle is off: no concurrency cap, no pause for x-ratelimit-*, Retry-After or backoff.</item>
/// </list>
/// </summary>
public static class ProviderClientDefects
{
    public static IHostApplicationBuilder AddProviderClientDefects(this IHostApplicationBuilder builder)
    {
        var defects = PipelineDefects.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
        if (defects.IsOn(PipelineDefects.SilentProviderMetrics))
            builder.Services.AddSingleton<ProviderAnswerCounting>(_ => provider => new UncountedHandler());
        if (defects.IsOn(PipelineDefects.IgnoreRetryAfter))
            builder.Services.AddSingleton<OpenAiThrottleAdjustment>(throttle => throttle.HonoursRetryAfter = false);
        if (defects.IsOn(PipelineDefects.UnthrottledOpenAi))
            builder.Services.AddSingleton<OpenAiThrottleAdjustment>(throttle => throttle.Enabled = false);
        return builder;
    }

    private sealed class UncountedHandler : DelegatingHandler;
}
