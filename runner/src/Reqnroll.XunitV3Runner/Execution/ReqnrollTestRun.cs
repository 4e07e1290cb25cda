using Xunit;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>
/// The whole test run as an xUnit assembly fixture: [BeforeTestRun] hooks run once before the
/// first scenario and [AfterTestRun] hooks once after the last, also when features run in
/// parallel; ending the run is also what makes Reqnroll's formatters write their reports.
/// </summary>
public abstract class ReqnrollTestRun : IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        ReportLocation.Apply(GetType().Assembly);
        await TestRunnerManager.OnTestRunStartAsync(GetType().Assembly);
    }

    public async ValueTask DisposeAsync() => await TestRunnerManager.OnTestRunEndAsync(GetType().Assembly);
}
