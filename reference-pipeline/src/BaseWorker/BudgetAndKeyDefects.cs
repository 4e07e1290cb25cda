using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core.Costs;
using Pipeline.Core.Defects;
using Pipeline.Core.Options;

namespace BaseWorker;

/// <summary>
/// Test-only defects for the budget and key scenarios, registered only when PIPELINE_DEFECTS names
/// them in the Testing environment, so no production code path checks for them.
/// </summary>
public static class BudgetAndKeyDefects
{
    /// <summary>A cap no test run reaches (and that still fits the ledger's numeric column).</summary>
    private const decimal Unlimited = 100_000m;

    public static IHostApplicationBuilder AddBudgetAndKeyDefects(this IHostApplicationBuilder builder)
    {
        var defects = PipelineDefects.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
        if (defects.IsOn(PipelineDefects.IgnoreBudget))
            builder.Services.PostConfigure<BudgetOptions>(budget => (budget.LlamaParseUsd, budget.OpenAiUsd) = (Unlimited, Unlimited));
        if (defects.IsOn(PipelineDefects.LogProviderKeys))
            builder.Services.AddHostedService<ProviderKeyLogger>();
        return builder;
    }

    private sealed class ProviderKeyLogger(IOptions<OpenAiOptions> openAi, IOptions<LlamaParseOptions> llamaParse, ILogger<ProviderKeyLogger> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Provider keys in use: OpenAI {OpenAiKey}, LlamaParse {LlamaParseKey}", openAi.Value.ApiKey, llamaParse.Value.ApiKey);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
