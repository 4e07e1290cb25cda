using System.Text.Json.Nodes;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Sharding;

namespace Acceptance.Gate.Tests;

/// <summary>
/// The runner's conformance run cut into the report folders n shard agents would have written:
/// each shard has its features' documents, pickles and test cases, and its own test run with the
/// run-level hooks (every agent starts its own environment), plus its shard.json.
/// </summary>
internal sealed class ShardedFixture : IDisposable
{
    public static readonly string Conformance = FixturePaths.Of("conformance");
    public static readonly GherkinInventory Inventory = GherkinInventory.Load(Path.Combine(Conformance, "Features"), Conformance);
    public static string Messages => Path.Combine(Conformance, ShardMerge.MessagesFile);

    public ShardedFixture(int count, string commit = "0123abc", string target = "local", bool rehearsal = false)
    {
        Plan = ShardPlan.Create(Inventory.Scenarios, count);
        Folders = Enumerable.Range(1, count).Select(i => Path.Combine(Root, $"shard-{i}")).ToList();
        var features = Inventory.Scenarios.DistinctBy(s => s.File).ToDictionary(s => s.File, s => s.Feature, StringComparer.Ordinal);
        var streams = Folders.Select(_ => new List<string>()).ToList();
        var owner = new Dictionary<string, int>(StringComparer.Ordinal); // any id → shard index (0-based)
        int ShardOfFeature(string uri) => Enumerable.Range(0, count).Single(i => Plan.Assignments[i].Contains(features[uri]));

        foreach (var line in File.ReadLines(Messages).Where(l => l.Length > 0))
        {
            var message = JsonNode.Parse(line)!.AsObject().First().Value!.AsObject();
            string? Text(string name) => message[name]?.GetValue<string>() is { Length: > 0 } value ? value : null;
            int? shard = JsonNode.Parse(line)!.AsObject().First().Key switch
            {
                "gherkinDocument" => ShardOfFeature(Text("uri")!),
                "pickle" => owner[Text("id")!] = ShardOfFeature(Text("uri")!),
                "testCase" => owner[Text("id")!] = owner[Text("pickleId")!],
                "testCaseStarted" => owner[Text("id")!] = owner[Text("testCaseId")!],
                _ when Text("testCaseStartedId") is { } started => owner[started],
                _ => null, // run-level: every shard has its own
            };
            for (var i = 0; i < count; i++)
                if (shard is null || shard == i)
                    streams[i].Add(line);
        }
        for (var i = 0; i < count; i++)
        {
            Directory.CreateDirectory(Folders[i]);
            File.WriteAllLines(Path.Combine(Folders[i], ShardMerge.MessagesFile), streams[i]);
            new ShardManifest(commit, i + 1, count, ["gate"], ["wip", "ignore"], Plan.Features, Plan.Assignments[i], Plan.BalancedBy, target, rehearsal).Write(Folders[i]);
        }
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("gate-shards-").FullName;
    public ShardPlan Plan { get; }
    public IReadOnlyList<string> Folders { get; }
    public string Merged => Path.Combine(Root, "merged");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
