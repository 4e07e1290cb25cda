namespace Acceptance.Gate.Steps;

/// <summary>
/// The gate's step check, done before anything starts: every feature step must match a step
/// definition. Writes the step catalogue into the run folder either way.
/// </summary>
public static class StepCheck
{
    /// <summary>Returns false, after printing each unmatched step with the closest phrases, when a step has no definition.</summary>
    public static bool Passes(string featuresRoot, string repositoryRoot, string suiteAssembly, string runFolder, TextWriter output)
    {
        var steps = FeatureSteps.Load(featuresRoot, repositoryRoot);
        var bindings = SuiteBindings.Load(suiteAssembly);
        StepCatalogueWriter.Write(StepCatalogue.Build(bindings, steps), runFolder);
        var errors = StepLinter.Lint(steps, bindings);
        foreach (var error in errors)
            output.WriteLine($"lint: {error}");
        if (errors.Count > 0)
            output.WriteLine($"{errors.Count} step(s) match no step definition; nothing was started. The step library: {Path.Combine(runFolder, StepCatalogue.HtmlFile)}");
        return errors.Count == 0;
    }
}
