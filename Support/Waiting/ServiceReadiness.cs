using Acceptance.Support.Configuration;
using Acceptance.Support.Drivers;

namespace Acceptance.Support.Waiting;

/// <summary>Waits for the api-server to serve again after something took it (or its database) away.</summary>
public sealed class ServiceReadiness(PipelineApiDriver api, Waiter waiter, SuiteOptions options)
{
    /// <summary>Waits until readiness answers up, within the environment's start-up limit; returns when it did.</summary>
    public async Task<DateTimeOffset> UntilServingAgainAsync(string after)
    {
        await waiter.UntilAsync($"the api-server ready again {after}", api.ReadinessAsync, health => health == Health.Up,
            TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds), health => $"readiness answered {health}");
        return DateTimeOffset.UtcNow;
    }

    /// <summary>Waits until readiness no longer answers up, or until <paramref name="meanwhile"/> (what takes it down) has finished.</summary>
    public Task UntilNotReadyAsync(string when, Task meanwhile) =>
        waiter.UntilAsync($"the api-server not ready {when}", api.ReadinessAsync,
            health => health != Health.Up || meanwhile.IsCompleted,
            TimeSpan.FromSeconds(options.Timeouts.EnvironmentStartSeconds), health => $"readiness answered {health}");
}
