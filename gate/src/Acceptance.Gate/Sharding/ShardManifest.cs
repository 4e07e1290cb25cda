using System.Text.Json;

namespace Acceptance.Gate.Sharding;

/// <summary>
/// shard.json in a shard's report folder: what the merge needs to prove that the shards belong to
/// one gate (same commit, selection, plan and target, all rehearsals or none) and together ran all of it exactly once.
/// </summary>
public sealed record ShardManifest(
    string Commit,
    int Index,
    int Count,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> ExcludedTags,
    IReadOnlyList<string> AllFeatures,
    IReadOnlyList<string> Features,
    string BalancedBy,
    string? Target = null,
    bool Rehearsal = false)
{
    public const string FileName = "shard.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    public static ShardManifest? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), Json) : null;
    }
}
