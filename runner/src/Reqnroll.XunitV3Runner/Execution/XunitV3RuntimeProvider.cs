using Reqnroll.UnitTestProvider;
using Xunit;
using Xunit.Sdk;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>
/// Strict outcomes: pending and inconclusive fail the test (a scenario that did not really run is
/// never green); an explicit skip, e.g. a scenario that needs API keys that are absent, is a skip.
/// </summary>
internal sealed class XunitV3RuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new ScenarioNotRunException($"Pending: {message}");

    public void TestInconclusive(string message) => throw new ScenarioNotRunException($"Inconclusive: {message}");

    public void TestIgnore(string message) => Assert.Skip(message);

    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
        exception is SkipException ? ScenarioExecutionStatus.Skipped : null;
}

/// <summary>A scenario that could not be run to its end for a reason other than a failed assertion.</summary>
public sealed class ScenarioNotRunException(string message) : XunitException(message);
