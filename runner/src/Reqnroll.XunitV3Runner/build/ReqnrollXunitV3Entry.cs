// Added to the test project by Reqnroll.XunitV3Runner.targets.
[assembly: Xunit.AssemblyFixture(typeof(ReqnrollXunitV3.ReqnrollTestRunHooks))]

namespace ReqnrollXunitV3
{
    /// <summary>Every Gherkin scenario of this assembly, one xUnit test per pickle.</summary>
    public sealed class Scenarios : global::Reqnroll.XunitV3Runner.ReqnrollFeatureTests;

    /// <summary>Runs Reqnroll's test-run hooks once around the whole run.</summary>
    public sealed class ReqnrollTestRunHooks : global::Reqnroll.XunitV3Runner.Execution.ReqnrollTestRun;
}
