using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Sharding;

namespace Acceptance.Gate.Running;

/// <summary>"merge &lt;shard folders…&gt; [--reports dir]": the one readiness report and living documentation of a sharded gate.</summary>
public static class MergeRun
{
    public const string Usage = "usage: scripts/gate.sh merge <shard report folder>... [--reports <merged folder>] [--allow-not-verified]";

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var folders = new List<string>();
        string? reports = null;
        var blockOnNotVerified = true;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--reports" when i + 1 < args.Count:
                    reports = args[++i];
                    break;
                case "--allow-not-verified":
                    blockOnNotVerified = false;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new GateUsageException($"Unknown merge option '{option}'. {Usage}");
                default:
                    folders.Add(Path.GetFullPath(args[i]));
                    break;
            }
        }
        var repositoryRoot = GateRun.RepositoryRoot();
        var merged = Path.GetFullPath(reports ?? Path.Combine(repositoryRoot, "reports", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'") + "-merged"));
        var settings = new ReadinessSettings { BlockOnNotVerified = blockOnNotVerified };
        var inventory = GherkinInventory.Load(Path.Combine(repositoryRoot, "Features"), repositoryRoot);
        var lint = TagLinter.Lint(inventory, settings.Today);
        var branch = RunIdentityReader.Read(repositoryRoot).Branch;
        return await ShardMerge.ExecuteAsync(folders, merged, inventory, lint, settings,
            // The target is the shards' common one, read from their shard.json.
            commit => new RunIdentity(commit, branch, "", Environment.MachineName, null, null, new Dictionary<string, string>()), output);
    }
}
