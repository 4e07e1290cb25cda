using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Acceptance.Support.Waiting;

namespace Acceptance.Support.Control;

/// <summary>Takes the pipeline's database away on purpose and records the outage in the scenario's <see cref="FaultWindow"/>.</summary>
public sealed class DatabaseOutages(IPipelineEnvironment environment, PipelineApiDriver api, Waiter waiter, FaultWindow fault)
{
    /// <summary>
    /// A crash-like outage (immediate stop) for <paramref name="outage"/>, then the database back. Meanwhile
    /// readiness is watched, so the window records when the pipeline noticed.
    /// </summary>
    public async Task GoDownForAsync(TimeSpan outage)
    {
        fault.Begin("database outage");
        await environment.Control.StopDatabaseAsync(immediately: true);
        await waiter.ObserveForAsync(outage, async () =>
        {
            if (fault.NoticedAt is null && await api.ReadinessAsync() == Health.Unavailable)
                fault.NoticedAt = DateTimeOffset.UtcNow;
        });
        await environment.Control.StartDatabaseAsync();
        fault.End();
    }

    /// <summary>A clean shutdown that lasts until the scenario's clean-up brings the database back.</summary>
    public async Task GoDownAsync()
    {
        fault.Begin("database outage");
        await environment.Control.StopDatabaseAsync(immediately: false);
    }
}
