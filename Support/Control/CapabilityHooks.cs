using Acceptance.Support.Environment;
using Pipeline.Contract;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Acceptance.Support.Control;

/// <summary>
/// The one place a scenario's <c>@needs:&lt;capability&gt;</c> tags are judged against what its target declares: a
/// scenario needing what the target lacks is skipped, and reads "not verified on this target: &lt;capability&gt;".
/// </summary>
[Binding]
public sealed class CapabilityHooks(IPipelineEnvironment environment, ScenarioContext scenario)
{
    private static readonly string Prefix = TargetCapabilities.TagPrefix.TrimStart('@');

    [BeforeScenario(Order = 10)]
    public void SkipWhatTheTargetCannotDo(IUnitTestRuntimeProvider runtime)
    {
        var lacking = Needs(scenario.ScenarioInfo.CombinedTags).Where(need => !environment.Capabilities.Contains(need)).ToList();
        if (lacking.Count > 0)
            runtime.TestIgnore(string.Join("; ", lacking.Select(TargetCapabilities.NotVerified)));
    }

    public static IEnumerable<string> Needs(IEnumerable<string> tags) =>
        tags.Where(tag => tag.StartsWith(Prefix, StringComparison.Ordinal)).Select(tag => tag[Prefix.Length..]).Distinct();
}
