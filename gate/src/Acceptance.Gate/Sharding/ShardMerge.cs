using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;
using Acceptance.Gate.Running;
using Acceptance.Gate.Steps;

namespace Acceptance.Gate.Sharding;

/// <summary>
/// scripts/gate.sh merge &lt;shard folders…&gt;: one verdict from the shards of one gate. Shards of
/// another commit or selection, a shard given twice, or features run twice are refused; a shard
/// that is missing makes the gate incomplete, which is never a pass.
/// </summary>
public static class ShardMerge
{
    public const string MessagesFile = "cucumber-messages.ndjson";

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> shardFolders, string mergedFolder, GherkinInventory inventory,
        IReadOnlyList<LintError> lint, ReadinessSettings settings, Func<string, RunIdentity> identityFor, TextWriter output)
    {
        IReadOnlyList<(ShardManifest Manifest, string Folder)> shards;
        try
        {
            shards = Validate(shardFolders).Where(shard => Finished(shard, output)).ToList();
            if (shards.Count == 0)
                throw new ShardMergeException("no shard finished; there is nothing to merge.");
        }
        catch (ShardMergeException e)
        {
            output.WriteLine($"merge refused: {e.Message}");
            return ExitCodes.BadConfiguration;
        }
        var first = shards[0].Manifest;
        Directory.CreateDirectory(mergedFolder);
        var messages = Path.Combine(mergedFolder, MessagesFile);
        try
        {
            await File.WriteAllLinesAsync(messages, MessageStreamMerger.Merge(
                shards.Select(s => ($"shard {s.Manifest.Index}/{s.Manifest.Count}", Path.Combine(s.Folder, MessagesFile))).ToList()));
        }
        catch (ShardMergeException e)
        {
            output.WriteLine($"merge refused: {e.Message}");
            return ExitCodes.BadConfiguration;
        }

        var missing = Enumerable.Range(1, first.Count).Except(shards.Select(s => s.Manifest.Index)).ToList();
        // The most starved shard decides whether speed could be judged: its agent is where a timeout happened.
        var canary = shards.Select(s => EnvironmentStatus.Read(s.Folder)?.CpuCanary).OfType<CpuSlowdown>().MaxBy(c => c.Worst ?? 0);
        var estimate = shards.Select(s => RealApiEstimate.Read(s.Folder)).OfType<RealApiEstimate>().FirstOrDefault();
        var identity = identityFor(first.Commit) with { Target = first.Target ?? "unknown", CpuCanary = canary };
        // Shards of a rehearsal merge into a rehearsal: never ready.
        var report = ReadinessEvaluator.Evaluate(inventory, MessageStreamReader.Read(messages), lint, settings with { Rehearsal = first.Rehearsal },
            identity, costEstimate: estimate);
        if (missing.Count > 0)
        {
            var incomplete = $"incomplete gate: shard(s) {string.Join(", ", missing.Select(i => $"{i}/{first.Count}"))} missing, so their features did not run: "
                             + string.Join(", ", Uncovered(shards, first).Select(f => $"\"{f}\""));
            report = report with { Verdict = GateVerdict.Fail, Reasons = [incomplete, .. report.Reasons], Failures = [incomplete, .. report.Failures] };
        }
        report = report with { Shards = Summaries(shards, first.Count, report) };
        ReportSet.Write(report, mergedFolder, SecretRedactor.None);
        var html = Path.Combine(mergedFolder, LivingDocumentation.FileName);
        await LivingDocumentation.RenderAsync(messages, html);
        LivingDocumentation.AddVerdictBanner(html, report);
        var catalogue = shards.Select(s => Path.Combine(s.Folder, StepCatalogue.HtmlFile)).FirstOrDefault(File.Exists);
        if (catalogue is not null)
            File.Copy(catalogue, Path.Combine(mergedFolder, StepCatalogue.HtmlFile), overwrite: true);

        output.WriteLine($"merged {shards.Count} of {first.Count} shard(s) of commit {first.Commit} into {mergedFolder}");
        ConsoleVerdict.Write(report, mergedFolder, output);
        return ExitCodes.Of(report.Verdict);
    }

    /// <summary>The shards, checked to be parts of one gate that overlap nowhere; throws with the first problem found.</summary>
    public static IReadOnlyList<(ShardManifest Manifest, string Folder)> Validate(IReadOnlyList<string> shardFolders)
    {
        if (shardFolders.Count == 0)
            throw new ShardMergeException("name the report folders of the shards to merge.");
        var shards = shardFolders.Select(folder =>
        {
            var manifest = ShardManifest.Read(folder)
                ?? throw new ShardMergeException($"{folder} has no {ShardManifest.FileName}; it is not the report folder of a sharded gate (scripts/gate.sh --shard i/n).");
            return (Manifest: manifest, Folder: folder);
        }).ToList();

        var first = shards[0].Manifest;
        foreach (var (manifest, folder) in shards.Skip(1))
        {
            if (manifest.Commit != first.Commit)
                throw new ShardMergeException($"{folder} is shard {manifest.Index}/{manifest.Count} of commit {manifest.Commit}, the others of {first.Commit}; a gate's shards must test the same commit.");
            if (manifest.Count != first.Count || !manifest.AllFeatures.SequenceEqual(first.AllFeatures)
                || !manifest.Tags.SequenceEqual(first.Tags) || !manifest.ExcludedTags.SequenceEqual(first.ExcludedTags))
                throw new ShardMergeException($"{folder} was planned as a different gate (shard count, tags or features differ from {shards[0].Folder}).");
            if (manifest.Rehearsal != first.Rehearsal)
                throw new ShardMergeException($"{folder} {(manifest.Rehearsal ? "is" : "is not")} a rehearsal and {shards[0].Folder} {(first.Rehearsal ? "is" : "is not")}; a gate's shards are all rehearsals or none.");
            if (manifest.Target != first.Target)
                throw new ShardMergeException($"{folder} ran against target {manifest.Target ?? "unknown"}, {shards[0].Folder} against {first.Target ?? "unknown"}; a gate's shards must test the same target.");
        }
        foreach (var duplicate in shards.GroupBy(s => s.Manifest.Index).Where(g => g.Count() > 1))
            throw new ShardMergeException($"shard {duplicate.Key}/{first.Count} is given twice: {string.Join(" and ", duplicate.Select(s => s.Folder))}.");
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (manifest, _) in shards)
            foreach (var feature in manifest.Features)
                if (!owners.TryAdd(feature, manifest.Index))
                    throw new ShardMergeException($"the feature \"{feature}\" ran in shard {owners[feature]}/{first.Count} and in shard {manifest.Index}/{first.Count}; shards must not overlap.");
        return shards.OrderBy(s => s.Manifest.Index).ToList();
    }

    /// <summary>A shard whose environment did not start or that stopped early wrote no messages: it counts as missing.</summary>
    private static bool Finished((ShardManifest Manifest, string Folder) shard, TextWriter output)
    {
        if (File.Exists(Path.Combine(shard.Folder, MessagesFile)))
            return true;
        output.WriteLine($"shard {shard.Manifest.Index}/{shard.Manifest.Count} in {shard.Folder} has no {MessagesFile} (it did not finish); it counts as missing.");
        return false;
    }

    /// <summary>Every planned shard as the merged report lists it: its folder, its share, what it ran and how that ended.</summary>
    private static IReadOnlyList<ShardSummary> Summaries(IReadOnlyList<(ShardManifest Manifest, string Folder)> shards, int count, ReadinessReport report) =>
        Enumerable.Range(1, count).Select(index =>
        {
            var share = $"{index}/{count}";
            if (shards.FirstOrDefault(s => s.Manifest.Index == index) is not ({ } manifest, { } folder))
                return new ShardSummary(share, null, 0, "missing: not given, or it did not finish");
            var ran = report.Scenarios.Where(s => manifest.Features.Contains(s.Feature) && s.Outcome != ScenarioOutcome.NotRun).ToList();
            var outcome = string.Join(", ", ran.GroupBy(s => s.Outcome).OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {Reporting.Markdown.Outcome(g.Key)}"));
            return new ShardSummary(share, folder, ran.Count, ran.Count == 0 ? "nothing ran" : outcome);
        }).ToList();

    /// <summary>The planned features no given shard ran.</summary>
    private static IEnumerable<string> Uncovered(IReadOnlyList<(ShardManifest Manifest, string Folder)> shards, ShardManifest first)
    {
        var covered = shards.SelectMany(s => s.Manifest.Features).ToHashSet(StringComparer.Ordinal);
        return first.AllFeatures.Where(f => !covered.Contains(f));
    }
}
