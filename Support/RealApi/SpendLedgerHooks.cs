using System.Text.Json;
using Acceptance.Support.Environment;
using Reqnroll;

namespace Acceptance.Support.RealApi;

/// <summary>
/// At the end of a run, the pipeline's spend ledger goes into the run folder as spend-ledger.json:
/// the gate sets it beside the pre-flight estimate in the readiness report and the hand-off.
/// </summary>
[Binding]
public sealed class SpendLedgerHooks
{
    public const string FileName = "spend-ledger.json";

    [AfterTestRun(Order = 900)]
    public static async Task WriteLedger(ITestRunContext testRun)
    {
        var container = testRun.TestRunContainer;
        if (!container.IsRegistered<IPipelineEnvironment>() || !container.IsRegistered<RunFolder>()) return;
        var environment = container.Resolve<IPipelineEnvironment>();
        try
        {
            await using var ledger = new SpendLedgerDriver(environment);
            var entries = await ledger.EntriesAsync(null);
            await File.WriteAllTextAsync(Path.Combine(container.Resolve<RunFolder>().Path, FileName), JsonSerializer.Serialize(new
            {
                environmentRun = environment.BudgetRunId,
                entries,
            }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // An external pipeline may have no ledger; the report then says "no ledger".
            await File.WriteAllTextAsync(Path.Combine(container.Resolve<RunFolder>().Path, FileName),
                JsonSerializer.Serialize(new { error = $"the pipeline's spend ledger could not be read: {e.Message}" }));
        }
    }
}
