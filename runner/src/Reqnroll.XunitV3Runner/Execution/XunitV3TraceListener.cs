using Reqnroll.BoDi;
using Reqnroll.Infrastructure;
using Reqnroll.Tracing;
using Xunit;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>
/// Sends Reqnroll's step trace and <see cref="IReqnrollOutputHelper"/> lines to the running xUnit
/// test's output. The helper is taken from the scenario container because Reqnroll may write
/// from a queue thread where xUnit's ambient test context is not set.
/// </summary>
internal sealed class XunitV3TraceListener(ITraceListenerQueue queue, IObjectContainer container)
    : AsyncTraceListener(queue, container)
{
    private readonly Lazy<IContextManager> _contextManager = new(container.Resolve<IContextManager>);

    public override void WriteTestOutput(string message)
    {
        if (CurrentOutput() is { } output) output.WriteLine(message);
        else base.WriteTestOutput(message);
    }

    public override void WriteToolOutput(string message)
    {
        if (CurrentOutput() is { } output) output.WriteLine("-> " + message);
        else base.WriteToolOutput(message);
    }

    private ITestOutputHelper? CurrentOutput()
    {
        var scenario = _contextManager.Value.ScenarioContext;
        return scenario is not null && scenario.ScenarioContainer.IsRegistered<ITestOutputHelper>()
            ? scenario.ScenarioContainer.Resolve<ITestOutputHelper>()
            : null;
    }
}
