using Acceptance.Gate.Linting;

namespace Acceptance.Gate.Steps;

/// <summary>
/// Checks every feature step against the suite's step definitions before anything starts, so a
/// misspelt step costs seconds instead of a whole environment start; each unmatched step is
/// reported with its file, line and the closest existing phrases.
/// </summary>
public static class StepLinter
{
    public const int Suggestions = 3;

    public static IReadOnlyList<LintError> Lint(IReadOnlyList<FeatureStep> steps, IReadOnlyList<StepBinding> bindings) =>
        steps.Where(step => !bindings.Any(binding => StepCatalogue.Binds(binding, step)))
            .DistinctBy(step => (step.File, step.Line, step.Text))
            .Select(step => new LintError(step.File, step.Line,
                $"no step definition matches \"{step.Keyword ?? "*"} {step.Text}\"; closest: "
                + string.Join(" | ", Closest(step, bindings).Select(b => $"\"{b.Keyword} {b.Phrase}\""))))
            .ToList();

    /// <summary>The phrases nearest to the step's words; a phrase for the same keyword wins a tie.</summary>
    public static IEnumerable<StepBinding> Closest(FeatureStep step, IReadOnlyList<StepBinding> bindings) =>
        bindings.OrderBy(binding => PhraseDistance.Between(step.Text, binding.Phrase) + (binding.Keyword == step.Keyword ? 0 : 0.05))
            .ThenBy(binding => binding.Phrase, StringComparer.Ordinal)
            .Take(Suggestions);
}
