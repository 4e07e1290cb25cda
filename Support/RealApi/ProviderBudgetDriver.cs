using System.Globalization;
using Acceptance.Support.Environment;

namespace Acceptance.Support.RealApi;

/// <summary>
/// Gives the workers a budget of their own for one scenario: a fresh budget run (nothing spent yet)
/// with the caps asked for, priced with the dated price table. The workers are restarted with it and
/// the disruption hooks restore their usual settings afterwards.
/// </summary>
public sealed class ProviderBudgetDriver(IPipelineEnvironment environment)
{
    public async Task<string> StartBudgetRunAsync(decimal? openAiUsd = null, decimal? llamaParseUsd = null)
    {
        var runId = $"scenario-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string> { ["Budget__RunId"] = runId };
        if (openAiUsd is { } openAi) settings["Budget__OpenAiUsd"] = openAi.ToString(CultureInfo.InvariantCulture);
        if (llamaParseUsd is { } llamaParse) settings["Budget__LlamaParseUsd"] = llamaParse.ToString(CultureInfo.InvariantCulture);
        await environment.Control.RestartWorkersWithAsync(settings);
        return runId;
    }
}
