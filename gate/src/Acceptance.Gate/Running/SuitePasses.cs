using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Sharding;

namespace Acceptance.Gate.Running;

/// <summary>One launch of the suite: its options and the folder it reports into.</summary>
public sealed record SuitePass(string Name, GateOptions Options, string Folder);

/// <summary>
/// How many times the suite runs for one gate. Usually once. With --real-apis twice: the workers of one environment
/// use one pair of providers, and the other @gate scenarios need the mocks (they inject faults into them), so first
/// the @real-api scenarios run in their own environment with the real providers (its report folder real-api/ inside
/// the run's; the suite's pre-flight estimate refuses a run above its budget before anything is spent), then every
/// other selected scenario on the mocks. The passes' message streams are merged into the run's one stream, so the
/// gate judges one run and gives one verdict.
/// </summary>
public static class SuitePasses
{
    public const string RealApiFolder = "real-api";

    public static IReadOnlyList<SuitePass> Plan(GateOptions options, GherkinInventory inventory, string runFolder)
    {
        if (!options.RealApis)
            return [new SuitePass("suite", options, runFolder)];
        var selected = inventory.Scenarios.Where(options.Selection.Includes).ToList();
        var realApi = options with { Tags = [GateOptions.RealApiTag] };
        var mocks = options with { RealApis = false, Rehearse = false, ExcludedTags = [.. options.ExcludedTags, GateOptions.RealApiTag] };
        var passes = new List<SuitePass>();
        if (selected.Any(s => s.HasTag(GateTags.RealApi)))
            passes.Add(new SuitePass(options.Rehearse ? "real-API rehearsal (mocks)" : "real APIs", realApi, Path.Combine(runFolder, RealApiFolder)));
        if (selected.Any(mocks.Selection.Includes))
            passes.Add(new SuitePass("mocks", mocks, runFolder));
        return passes.Count switch
        {
            0 => [new SuitePass("suite", options, runFolder)],
            1 => [passes[0] with { Folder = runFolder }],
            _ => passes,
        };
    }

    /// <summary>With two passes, the run's message stream and living documentation become those of both.</summary>
    public static async Task MergeAsync(IReadOnlyList<SuitePass> passes, string runFolder)
    {
        var streams = passes.Select(p => (p.Name, Path: Path.Combine(p.Folder, ShardMerge.MessagesFile))).Where(s => File.Exists(s.Path)).ToList();
        if (streams.Count < 2)
            return;
        var messages = Path.Combine(runFolder, ShardMerge.MessagesFile);
        await File.WriteAllLinesAsync(messages, MessageStreamMerger.Merge(streams));
        await LivingDocumentation.RenderAsync(messages, Path.Combine(runFolder, LivingDocumentation.FileName));
    }
}
