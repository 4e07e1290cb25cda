using System.Text.Json.Nodes;

namespace Acceptance.Gate.Readiness;

/// <summary>Reads the baselines a previous run's readiness.json recorded, for comparison.</summary>
public static class PreviousRun
{
    public static IReadOnlyList<BaselineMetric> LoadBaselines(string readinessJsonPath)
    {
        var root = JsonNode.Parse(File.ReadAllText(readinessJsonPath))?.AsObject()
                   ?? throw new InvalidDataException($"{readinessJsonPath} is empty.");
        if (root["baselines"] is not JsonArray baselines)
            return [];
        return baselines.OfType<JsonObject>()
            .Where(b => b["name"] is not null && b["value"] is not null)
            .Select(b => new BaselineMetric(
                (string)b["name"]!,
                (double)b["value"]!,
                (string?)b["unit"] ?? "",
                (string?)b["better"] ?? BaselineMetric.LowerIsBetter,
                (string?)b["scenario"] ?? ""))
            .ToList();
    }
}
