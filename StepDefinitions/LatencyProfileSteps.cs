using Acceptance.Support.Charts;
using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Acceptance.Support.RealApi;

namespace Acceptance.StepDefinitions;

/// <summary>4.4-real-vs-mock: the real services' latencies beside the mocks' configured latency profile.</summary>
[Binding]
public sealed class LatencyProfileSteps(IPipelineEnvironment environment, SuiteOptions options, RunFolder runFolder,
    LatencyProfileCharts charts, EvidenceRecorder evidence)
{
    [Then("the real services' latencies are set beside the mocks' latency profile, with a verdict on the profile")]
    public async Task ThenTheRealLatenciesAreSetBesideTheMockProfile()
    {
        var comparison = await LatencyProfileHooks.CompareAsync(environment, options, runFolder);
        evidence.AttachJson("latency-vs-mock-profile", comparison);
        evidence.AttachText("latency-vs-mock-profile", comparison.Table());
        charts.Attach(comparison);

        // A rehearsal (--real-apis --rehearse) runs this path on the mocks: it must say so, and cannot judge the profile.
        var rehearsal = options.RealApi.Rehearse;
        comparison.RealServices.Should().Be(rehearsal ? RealApiHooks.Rehearsal : LatencyComparison.RealServicesMeasured,
            "this scenario runs only against the real services, or in a rehearsal against the mocks");
        comparison.Providers.Should().OnlyContain(p => p.Samples.Count > 0, "both providers' stages were timed for the document just embedded");
        if (rehearsal) return;
        comparison.MockProfileShouldBeUpdated.Should().NotBeNull("measured on the real services, the comparison must say whether the mocks' profile still fits");
        if (comparison.MockProfileShouldBeUpdated == true)
            comparison.ProposedProfileWritten.Should().BeTrue("a profile that no longer fits comes with the one that does");
    }
}
