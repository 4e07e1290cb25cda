using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Writes the benchmark workload: FeatureCount feature files of ScenariosPerFeature scenarios with
/// StepsPerScenario steps each, all bound by WorkloadSteps and all passing. A file is rewritten only
/// when its text changes, so an unchanged workload keeps the build incremental.
/// </summary>
public sealed class GenerateWorkloadFeatures : Task
{
    [Required] public string OutputDirectory { get; set; } = "";
    [Required] public int FeatureCount { get; set; }
    [Required] public int ScenariosPerFeature { get; set; }
    [Required] public int StepsPerScenario { get; set; }
    [Output] public ITaskItem[] Features { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (FeatureCount < 1 || ScenariosPerFeature < 1 || StepsPerScenario < 1)
        {
            Log.LogError("The benchmark workload needs at least one feature, one scenario per feature and one step per scenario.");
            return false;
        }
        Directory.CreateDirectory(OutputDirectory);
        var written = new List<string>();
        for (var feature = 1; feature <= FeatureCount; feature++)
        {
            var path = Path.GetFullPath(Path.Combine(OutputDirectory, $"Workload{feature:D2}.feature"));
            WriteIfChanged(path, FeatureText(feature));
            written.Add(path);
        }
        // A smaller workload than last time must not leave old files behind to be embedded later.
        foreach (var stale in Directory.GetFiles(OutputDirectory, "*.feature").Select(Path.GetFullPath).Except(written))
            File.Delete(stale);
        Features = written.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
        return true;
    }

    private string FeatureText(int feature)
    {
        var text = new StringBuilder()
            .AppendLine($"Feature: Workload {feature:D2}")
            .AppendLine($"  Generated load for the runner benchmark: {ScenariosPerFeature} scenarios of {StepsPerScenario} steps.");
        for (var scenario = 1; scenario <= ScenariosPerFeature; scenario++)
        {
            // Numbers differ per scenario so every step text is distinct, as in a real suite.
            var start = feature * 1000 + scenario;
            text.AppendLine()
                .AppendLine($"  Scenario: Workload {feature:D2} scenario {scenario:D3}")
                .AppendLine($"    Given a tally starting at {start}");
            var total = start;
            for (var growth = 1; growth <= StepsPerScenario - 2; growth++)
            {
                total += growth;
                text.AppendLine($"    {(growth == 1 ? "When" : "And")} the tally grows by {growth}");
            }
            if (StepsPerScenario >= 2)
                text.AppendLine($"    Then the tally reads {total}");
        }
        return text.ToString();
    }

    private static void WriteIfChanged(string path, string text)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != text)
            File.WriteAllText(path, text);
    }
}
