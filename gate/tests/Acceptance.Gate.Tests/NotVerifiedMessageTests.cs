using System.Text.RegularExpressions;
using Acceptance.Support.Environment;
using FluentAssertions;
using Pipeline.Contract;

namespace Acceptance.Gate.Tests;

/// <summary>Every scenario a target cannot judge reads "not verified on this target: &lt;what&gt;", whichever step found out.</summary>
public sealed partial class NotVerifiedMessageTests
{
    /// <summary>The only places that skip a scenario: the capability hook, the one reading helper, and @real-api without keys (not a target's doing).</summary>
    private static readonly string[] Skippers =
        ["Support/Control/CapabilityHooks.cs", "Support/Environment/TargetReadings.cs", "Support/RealApi/RealApiHooks.cs"];

    [Fact]
    public void A_reading_the_target_cannot_give_reads_like_a_missing_capability_with_why()
    {
        TargetReadings.Message(TargetReadings.ServiceLogs, "the target gives no way to read its service logs.")
            .Should().Be("not verified on this target: service-logs (the target gives no way to read its service logs)");
        TargetReadings.Message(TargetReadings.ServiceLogs, "why").Should().StartWith(TargetCapabilities.NotVerified(TargetReadings.ServiceLogs));
    }

    [Fact]
    public void No_step_or_hook_skips_a_scenario_in_words_of_its_own()
    {
        var own = new[] { "StepDefinitions", "Support" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(SuiteSteps.RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(SuiteSteps.RepositoryRoot, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Where(file => TestIgnore().IsMatch(File.ReadAllText(Path.Combine(SuiteSteps.RepositoryRoot, file))))
            .ToList();

        own.Should().BeSubsetOf(Skippers, "a step that cannot judge on its target says so with runtime.NotVerifiedOnThisTarget(<what>, <why>)");
    }

    [GeneratedRegex(@"\.TestIgnore\(")]
    private static partial Regex TestIgnore();
}
