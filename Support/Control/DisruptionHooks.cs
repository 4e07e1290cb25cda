using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Reqnroll;

namespace Acceptance.Support.Control;

/// <summary>
/// Keeps disruptive scenarios from touching anyone else: they run alone (reqnroll.json marks
/// @disruptive features non-parallel), start from clean mocks, and leave every service running
/// with its usual settings and none of their documents still at work. Scenarios that need control the
/// target does not give are skipped.
/// </summary>
[Binding]
public sealed class DisruptionHooks(IPipelineEnvironment environment, IReqnrollOutputHelper output)
{
    [BeforeScenario("disruptive", Order = 20)]
    public async Task StartFromCleanMocks()
    {
        if (environment.Mocks is null) return;
        using var openAi = new MockOpenAiDriver(environment);
        using var llamaParse = new MockLlamaParseDriver(environment);
        await Task.WhenAll(openAi.ClearFaultsAsync(), openAi.ClearRequestLogAsync(), llamaParse.ClearFaultsAsync(), llamaParse.ClearRequestLogAsync());
    }

    [AfterScenario("disruptive", Order = 1000)]
    public async Task RestoreEverything()
    {
        try
        {
            if (environment.Mocks is not null)
            {
                using var openAi = new MockOpenAiDriver(environment);
                using var llamaParse = new MockLlamaParseDriver(environment);
                try
                {
                    await Task.WhenAll(openAi.ClearFaultsAsync(), llamaParse.ClearFaultsAsync());
                }
                catch (HttpRequestException) when (environment.Control.Capabilities.Contains(Pipeline.Contract.TargetCapabilities.KillService))
                {
                    // A mock the scenario killed; RestoreAsync starts it again, without faults.
                }
            }
            await environment.Control.RestoreAsync();
            if (environment.Control.Capabilities.Count > 0) await LeftoverWork.SetAsideAsync(environment);
        }
        catch (Exception e)
        {
            // An after-hook must not hide the scenario's own verdict; say loudly what is left broken.
            output.WriteLine($"Could not restore the environment after a disruptive scenario: {e.Message}");
        }
    }
}
