using System.Text.Json.Nodes;

namespace Acceptance.Gate.Sharding;

/// <summary>
/// Joins the Cucumber message streams of several shards into one stream that reads as one run:
/// one meta and one test run (started at the earliest start, finished at the latest finish,
/// successful only if every shard was), each feature's document and pickles once, every shard's
/// test cases, steps, attachments and run hooks. A scenario that ran in two shards is refused.
/// </summary>
public static class MessageStreamMerger
{
    public static IReadOnlyList<string> Merge(IReadOnlyList<(string Shard, string MessagesPath)> shards)
    {
        var runId = "";
        JsonObject? meta = null;
        JsonObject? started = null;
        JsonObject? finished = null;
        var body = new List<JsonObject>();
        var documents = new HashSet<string>(StringComparer.Ordinal);
        var pickles = new HashSet<string>(StringComparer.Ordinal);
        var hooks = new HashSet<string>(StringComparer.Ordinal);
        var pickleShards = new Dictionary<string, string>(StringComparer.Ordinal);
        var pickleNames = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var (shard, path) in shards)
        {
            foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                var envelope = JsonNode.Parse(line)!.AsObject();
                var (type, message) = (envelope.First().Key, envelope.First().Value!.AsObject());
                switch (type)
                {
                    case "meta":
                        meta ??= envelope;
                        break;
                    case "testRunStarted":
                        if (started is null || Seconds(message) < Seconds(started["testRunStarted"]!.AsObject()))
                            started = envelope;
                        runId = started["testRunStarted"]!["id"]?.GetValue<string>() ?? "";
                        break;
                    case "testRunFinished":
                        finished = Later(finished, envelope);
                        break;
                    case "gherkinDocument" when !documents.Add(message["uri"]!.GetValue<string>()):
                    case "pickle" when !pickles.Add(message["id"]!.GetValue<string>()):
                    case "hook" when !hooks.Add(message["id"]!.GetValue<string>()):
                        break;
                    case "testCase":
                        var pickleId = message["pickleId"]!.GetValue<string>();
                        if (pickleShards.TryGetValue(pickleId, out var other) && other != shard)
                            throw new ShardMergeException($"the scenario \"{pickleNames.GetValueOrDefault(pickleId, pickleId)}\" ran in {other} and in {shard}; each scenario must run in exactly one shard.");
                        pickleShards[pickleId] = shard;
                        body.Add(envelope);
                        break;
                    default:
                        if (type == "pickle")
                            pickleNames[message["id"]!.GetValue<string>()] = message["name"]?.GetValue<string>() ?? "";
                        body.Add(envelope);
                        break;
                }
            }
        }

        var merged = new List<JsonObject>();
        if (started is not null)
            merged.Add(started);
        if (meta is not null)
            merged.Add(meta);
        merged.AddRange(body);
        if (finished is not null)
            merged.Add(finished);
        // Every message that names its test run now names the merged one.
        foreach (var message in merged.Select(e => e.First().Value!.AsObject()).Where(m => m.ContainsKey("testRunStartedId")))
            message["testRunStartedId"] = runId;
        return merged.Select(e => e.ToJsonString()).ToList();
    }

    private static JsonObject Later(JsonObject? finished, JsonObject candidate)
    {
        var success = (finished?["testRunFinished"]?["success"]?.GetValue<bool>() ?? true) && (candidate["testRunFinished"]!["success"]?.GetValue<bool>() ?? false);
        var latest = finished is null || Seconds(candidate["testRunFinished"]!.AsObject()) > Seconds(finished["testRunFinished"]!.AsObject())
            ? candidate.DeepClone().AsObject()
            : finished;
        latest["testRunFinished"]!["success"] = success;
        return latest;
    }

    private static double Seconds(JsonObject message) =>
        message["timestamp"] is { } t ? t["seconds"]!.GetValue<double>() + (t["nanos"]?.GetValue<double>() ?? 0) / 1e9 : 0;
}

public sealed class ShardMergeException(string message) : Exception(message);
