namespace Acceptance.Gate.Steps;

/// <summary>One step definition with every feature step it binds.</summary>
public sealed record CatalogueEntry(StepBinding Binding, IReadOnlyList<FeatureStep> Usages)
{
    public bool Unused => Usages.Count == 0;

    /// <summary>How a scenario writer has phrased it: the first use in the features, or the phrase itself when unused.</summary>
    public string Example => Usages.Count > 0 ? $"{Binding.Keyword} {Usages[0].Text}" : $"{Binding.Keyword} {Binding.Phrase}";
}

/// <summary>The step library as scenario writers see it: every phrase, what it takes, where it is used.</summary>
public sealed record StepCatalogue(IReadOnlyList<CatalogueEntry> Entries, IReadOnlyList<FeatureStep> Unmatched)
{
    public const string MarkdownFile = "step-catalogue.md";
    public const string HtmlFile = "step-catalogue.html";

    public static StepCatalogue Build(IReadOnlyList<StepBinding> bindings, IReadOnlyList<FeatureStep> steps)
    {
        var entries = bindings
            .Select(binding => new CatalogueEntry(binding, steps.Where(step => Binds(binding, step)).ToList()))
            .OrderBy(entry => KeywordOrder(entry.Binding.Keyword))
            .ThenBy(entry => entry.Binding.Phrase, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var unmatched = steps.Where(step => !bindings.Any(binding => Binds(binding, step))).ToList();
        return new StepCatalogue(entries, unmatched);
    }

    /// <summary>
    /// Whether Reqnroll would run this step with this binding: the same keyword (a "*" step takes
    /// any) and the binding's own regular expression matches the whole text.
    /// </summary>
    public static bool Binds(StepBinding binding, FeatureStep step) =>
        (step.Keyword is null || step.Keyword == binding.Keyword) && binding.Matcher.IsMatch(step.Text);

    private static int KeywordOrder(string keyword) => keyword switch { "Given" => 0, "When" => 1, "Then" => 2, _ => 3 };
}
