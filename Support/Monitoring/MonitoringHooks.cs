using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Reqnroll;

namespace Acceptance.Support.Monitoring;

/// <summary>Makes the (not yet started) monitoring stack available to every scenario, and stops it after the run.</summary>
[Binding]
public sealed class MonitoringHooks
{
    [BeforeTestRun(Order = 10)]
    public static void OfferMonitoring(ITestRunContext testRun)
    {
        var container = testRun.TestRunContainer;
        if (!container.IsRegistered<IPipelineEnvironment>()) return;
        var monitoring = new OperatorMonitoring(
            container.Resolve<IPipelineEnvironment>(), container.Resolve<SuiteOptions>(), container.Resolve<RunFolder>(),
            container.Resolve<CpuCanary>());
        StopSignalCleanup.Register(monitoring);
        container.RegisterInstanceAs(monitoring);
    }

    [AfterTestRun(Order = 900)]
    public static async Task StopMonitoring(ITestRunContext testRun)
    {
        if (testRun.TestRunContainer.IsRegistered<OperatorMonitoring>())
            await testRun.TestRunContainer.Resolve<OperatorMonitoring>().DisposeAsync();
    }
}
