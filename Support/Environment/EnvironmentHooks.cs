using System.Text.Json;
using Acceptance.Support.Configuration;
using Acceptance.Support.RealApi;
using Acceptance.Support.Recovery;
using Reqnroll;

namespace Acceptance.Support.Environment;

/// <summary>
/// Starts the target pipeline once before the first scenario and takes it down after the last.
/// Whatever happens, environment.json in the run folder says so (ready, failed, bad-configuration),
/// so the gate can tell a broken environment from a failing product.
/// </summary>
[Binding]
public sealed class EnvironmentHooks
{
    [BeforeTestRun(Order = 0)]
    public static async Task StartPipeline(ITestRunContext testRun)
    {
        var container = testRun.TestRunContainer;
        var runFolder = RunFolder.FromEnvironment();
        SuiteOptions options;
        try
        {
            options = SuiteOptionsLoader.Load();
        }
        catch (InvalidSuiteConfigurationException e)
        {
            await WriteStatusAsync(runFolder, new("bad-configuration", null, null, e.Message));
            throw;
        }

        // Timed before our own environment adds to the load: how starved the machine already is.
        var canary = new CpuCanary();
        testRun.TestRunContainer.RegisterInstanceAs(canary);
        var stretch = StarvedMachineTimings.Apply(options, canary.AtStart);
        testRun.TestRunContainer.RegisterInstanceAs(stretch);

        var estimate = CostPreflight.Estimate(options);
        await CostPreflight.WriteAsync(runFolder.Path, options, estimate);
        if (CostPreflight.Refusal(options, estimate) is { } refusal)
        {
            await WriteStatusAsync(runFolder, new("bad-configuration", options.Target, null, $"The run was not started: {refusal}."));
            throw new InvalidSuiteConfigurationException([$"The run was not started: {refusal}."]);
        }

        IPipelineEnvironment environment;
        try
        {
            environment = await PipelineTargets.StartAsync(options, runFolder.Logs);
        }
        catch (InvalidSuiteConfigurationException e)
        {
            await WriteStatusAsync(runFolder, new("bad-configuration", options.Target, null, e.Message, canary.Report(), stretch.Factor));
            throw;
        }
        catch (Exception e)
        {
            await WriteStatusAsync(runFolder, new("failed", options.Target, null, e.Message, canary.Report(), stretch.Factor));
            throw;
        }
        container.RegisterInstanceAs(options);
        container.RegisterInstanceAs(runFolder);
        container.RegisterInstanceAs(environment);
        container.RegisterInstanceAs(new RecoveryLedger());
        await WriteStatusAsync(runFolder, new("ready", environment.Target, Math.Round(environment.StartupTime.TotalSeconds, 2), null, canary.Report(), stretch.Factor));
    }

    [AfterTestRun(Order = 1000)]
    public static async Task StopPipeline(ITestRunContext testRun)
    {
        if (testRun.TestRunContainer.IsRegistered<RecoveryLedger>())
            await testRun.TestRunContainer.Resolve<RecoveryLedger>().WriteAsync(testRun.TestRunContainer.Resolve<RunFolder>().Path);
        if (testRun.TestRunContainer.IsRegistered<CpuCanary>() && testRun.TestRunContainer.IsRegistered<IPipelineEnvironment>())
        {
            // The run's starvation, as the canary saw it throughout, beside the environment's status.
            var canary = testRun.TestRunContainer.Resolve<CpuCanary>();
            await canary.DisposeAsync();
            var environment = testRun.TestRunContainer.Resolve<IPipelineEnvironment>();
            var stretch = testRun.TestRunContainer.Resolve<LocalTimesStretch>();
            await WriteStatusAsync(testRun.TestRunContainer.Resolve<RunFolder>(),
                new("ready", environment.Target, Math.Round(environment.StartupTime.TotalSeconds, 2), null, canary.Report(), stretch.Factor));
        }
        if (testRun.TestRunContainer.IsRegistered<IPipelineEnvironment>())
            await testRun.TestRunContainer.Resolve<IPipelineEnvironment>().DisposeAsync();
    }

    private static Task WriteStatusAsync(RunFolder runFolder, EnvironmentReport report) =>
        File.WriteAllTextAsync(Path.Combine(runFolder.Path, "environment.json"),
            JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));

    private sealed record EnvironmentReport(string Status, string? Target, double? StartupSeconds, string? Error, CpuCanaryReport? CpuCanary = null, double? LocalTimesStretchedBy = null);
}
