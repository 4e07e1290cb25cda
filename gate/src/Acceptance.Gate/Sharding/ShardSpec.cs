using System.Globalization;
using Acceptance.Gate.Cli;

namespace Acceptance.Gate.Sharding;

/// <summary>"--shard i/n": this agent runs share i of n.</summary>
public sealed record ShardSpec(int Index, int Count)
{
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
            return new ShardSpec(index, count);
        throw new GateUsageException($"--shard must be i/n with 1 <= i <= n, such as 2/4; got '{text}'.");
    }

    public override string ToString() => $"{Index}/{Count}";
}
