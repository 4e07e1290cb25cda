using Acceptance.Support.Environment;
using Acceptance.Support.RealApi;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>Provider keys stay secret: planted keys are looked for everywhere a run leaves traces.</summary>
[Binding]
public sealed class KeyHandlingSteps(SecretScanDriver scan, EvidenceRecorder evidence, IUnitTestRuntimeProvider runtime)
{
    [Then("neither provider's key appears in any service log, evidence file or process listing of this run")]
    public void ThenNoProviderKeyAppearsAnywhere()
    {
        if (scan.NothingToLookForBecause is { } why) runtime.NotVerifiedOnThisTarget(TargetReadings.KnownKeys, why);
        var leaks = scan.FindLeaks();
        evidence.AttachJson("key-scan", new { keysLookedFor = scan.KnownKeys.Count, leaks });
        leaks.Should().BeEmpty("a provider key must never be written to a log, an attachment or a command line");
    }
}
