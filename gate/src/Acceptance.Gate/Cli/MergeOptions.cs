namespace Acceptance.Gate.Cli;

/// <summary>"scripts/gate.sh merge &lt;shard folders…&gt; [--reports dir] [--allow-not-verified]", read and checked.</summary>
public sealed record MergeOptions(IReadOnlyList<string> ShardFolders, string? ReportsDirectory, bool BlockOnNotVerified)
{
    public const string Usage = "usage: scripts/gate.sh merge <shard report folder>... [--reports <merged folder>] [--allow-not-verified]";

    public static MergeOptions Parse(IReadOnlyList<string> args)
    {
        var folders = new List<string>();
        string? reports = null;
        var blockOnNotVerified = true;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--reports":
                    reports = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                        ? args[++i]
                        : throw new GateUsageException($"--reports needs the merged report folder. {Usage}");
                    break;
                case "--allow-not-verified":
                    blockOnNotVerified = false;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new GateUsageException($"Unknown merge option '{option}'. {Usage}");
                default:
                    folders.Add(args[i]);
                    break;
            }
        }
        return folders.Count > 0 ? new MergeOptions(folders, reports, blockOnNotVerified) : throw new GateUsageException($"merge needs at least one shard report folder. {Usage}");
    }
}
