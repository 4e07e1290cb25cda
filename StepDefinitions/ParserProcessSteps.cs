using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Pipeline.Contract;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>The parser's process gone, through the target's control: no answer at all, not even an error.</summary>
[Binding]
public sealed class ParserProcessSteps(IPipelineEnvironment environment, FaultWindow fault, IUnitTestRuntimeProvider runtime)
{
    /// <summary>The parser is killed (and started again after the scenario, by the controller's restore).</summary>
    [Given("the parser cannot be reached")]
    public async Task GivenTheParserCannotBeReached()
    {
        if (environment.Control.CannotKillBecause(ServiceNames.Parser) is { } why) runtime.NotVerifiedOnThisTarget(TargetCapabilities.KillService, why);
        fault.Begin("parser unreachable");
        await environment.Control.KillAsync(ServiceNames.Parser);
    }
}
