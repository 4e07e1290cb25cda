using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Sharding;

namespace Acceptance.Gate.Running;

/// <summary>"merge &lt;shard folders…&gt; [--reports dir]": the one readiness report and living documentation of a sharded gate.</summary>
public static class MergeRun
{
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = MergeOptions.Parse(args);
        var repositoryRoot = GateRun.RepositoryRoot();
        var merged = Path.GetFullPath(options.ReportsDirectory ?? Path.Combine(repositoryRoot, "reports", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'") + "-merged"));
        var settings = new ReadinessSettings { BlockOnNotVerified = options.BlockOnNotVerified };
        var inventory = GherkinInventory.Load(Path.Combine(repositoryRoot, "Features"), repositoryRoot);
        var lint = TagLinter.Lint(inventory, settings.Today);
        var branch = RunIdentityReader.Read(repositoryRoot).Branch;
        return await ShardMerge.ExecuteAsync(options.ShardFolders.Select(Path.GetFullPath).ToList(), merged, inventory, lint, settings,
            // The target is the shards' common one, read from their shard.json.
            commit => new RunIdentity(commit, branch, "", Environment.MachineName, null, null, new Dictionary<string, string>()), output);
    }
}
