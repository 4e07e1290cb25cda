using System.Text.Json;
using Acceptance.Support.Charts;
using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Reqnroll;

namespace Acceptance.Support.RealApi;

/// <summary>
/// At the end of every run: latency-comparison.json (and .md, a table) and latency-profile.png in the run folder, the
/// mocks' configured latency profile beside the stage latencies this run measured. A real-API run
/// (with keys) also says whether the mocks' profile should be updated and writes the one that fits
/// (mock-latency-profile.json: copy it beside acceptance.settings.json and later mock runs use it);
/// any other run reads "not verified" on the real side, with the reason.
/// </summary>
[Binding]
public sealed class LatencyProfileHooks
{
    public const string ComparisonFile = "latency-comparison.json";
    public const string ProposalFile = "mock-latency-profile.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [AfterTestRun(Order = 910)]
    public static async Task WriteComparison(ITestRunContext testRun)
    {
        var container = testRun.TestRunContainer;
        if (!container.IsRegistered<IPipelineEnvironment>() || !container.IsRegistered<RunFolder>() || !container.IsRegistered<SuiteOptions>()) return;
        var folder = container.Resolve<RunFolder>();
        try
        {
            var comparison = await CompareAsync(container.Resolve<IPipelineEnvironment>(), container.Resolve<SuiteOptions>(), folder);
            await File.WriteAllTextAsync(Path.Combine(folder.Path, ComparisonFile), JsonSerializer.Serialize(comparison, Json));
            await File.WriteAllTextAsync(Path.Combine(folder.Path, Path.ChangeExtension(ComparisonFile, ".md")), comparison.Table());
            LatencyProfileCharts.TryDraw(comparison, Path.Combine(folder.Path, LatencyProfileCharts.FileName), out _);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or IOException)
        {
            // An after-hook never throws; the file says why there is no comparison.
            await File.WriteAllTextAsync(Path.Combine(folder.Path, ComparisonFile),
                JsonSerializer.Serialize(new { error = $"the stage latencies could not be read: {e.Message}" }));
        }
    }

    /// <summary>Compares this run's stage latencies so far with the mocks' profile; writes the proposed profile when the real services call for one.</summary>
    public static async Task<LatencyComparison> CompareAsync(IPipelineEnvironment environment, SuiteOptions options, RunFolder folder)
    {
        await using var stages = new StageLatencyDriver(environment);
        var proposal = Path.Combine(folder.Path, ProposalFile);
        var comparison = LatencyComparison.Of(await stages.ProviderStageMillisecondsAsync(), options.Local, options.RealApi,
            RealApiHooks.RealServicesNotMeasuredBecause(options), proposal);
        if (comparison.ProposedProfileFile is not null)
            await File.WriteAllTextAsync(proposal, JsonSerializer.Serialize(comparison.ProposedSettings(), Json));
        return comparison;
    }
}
