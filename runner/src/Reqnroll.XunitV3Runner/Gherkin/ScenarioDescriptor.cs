using Io.Cucumber.Messages.Types;

namespace Reqnroll.XunitV3Runner.Gherkin;

/// <summary>One Gherkin pickle as the runner sees it: what to call it, how to tag it, how to run it.</summary>
internal sealed record ScenarioDescriptor(
    string Id,
    int PickleIndex,
    Pickle Pickle,
    string DisplayName,
    string Title,
    string? Description,
    Rule? Rule,
    IReadOnlyList<string> OwnTags,
    IReadOnlyList<string> InheritedTags,
    IReadOnlyList<KeyValuePair<string, string>> ExampleValues,
    IReadOnlyList<StepCall> Steps,
    long Line)
{
    /// <summary>Every tag that applies (feature, rule, scenario, examples), without the '@'.</summary>
    public IEnumerable<string> AllTags => InheritedTags.Concat(OwnTags).Distinct(StringComparer.Ordinal);

    public bool IsIgnored => AllTags.Any(t => t.Equals("ignore", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A pickle step with the keyword it was written with in the feature file.</summary>
internal sealed record StepCall(StepKeyword Keyword, string KeywordText, PickleStep Step);

internal enum StepKeyword { Given, When, Then, And, But }
