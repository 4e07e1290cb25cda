using System.Text.Json;
using System.Text.Json.Nodes;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// Collects performance baselines from JSON evidence. The convention: a JSON attachment with a
/// top-level <c>"baseline": {"name", "value", "unit", "better"?}</c> object, or an array of such
/// objects under <c>"baselines"</c>. <c>better</c> is "lower" (default: latencies, recovery times)
/// or "higher" (throughput). Optional: <c>"regressionPercent"</c> (this metric's own threshold) and
/// <c>"blocking": true</c> (a regression fails the gate even when regressions are otherwise only
/// reported: the 4.3 p95 and peak-memory figures). Anything else in the attachment is left alone.
/// </summary>
public static class BaselineCollector
{
    public static IReadOnlyList<BaselineMetric> Collect(IEnumerable<ScenarioResult> results) =>
        results.SelectMany(r => r.Attachments
                .Where(a => a.JsonText is not null)
                .SelectMany(a => Parse(a.JsonText!, r.Name)))
            .ToList();

    public static IEnumerable<BaselineMetric> Parse(string json, string scenario)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            yield break; // evidence that is not JSON is not a baseline; the report still lists the file
        }
        if (root is null)
            yield break;
        var candidates = new List<JsonNode?> { root["baseline"] };
        if (root["baselines"] is JsonArray many)
            candidates.AddRange(many);
        foreach (var candidate in candidates)
            if (ToMetric(candidate, scenario) is { } metric)
                yield return metric;
    }

    private static BaselineMetric? ToMetric(JsonNode? node, string scenario)
    {
        if (node is not JsonObject metric
            || metric["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String
            || metric["value"] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
            return null;
        var better = (metric["better"] as JsonValue)?.GetValueKind() == JsonValueKind.String
            ? (string)metric["better"]! : BaselineMetric.LowerIsBetter;
        var unit = (metric["unit"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? (string)metric["unit"]! : "";
        double? regression = (metric["regressionPercent"] as JsonValue)?.GetValueKind() == JsonValueKind.Number
            ? (double)metric["regressionPercent"]! : null;
        var blocking = (metric["blocking"] as JsonValue)?.GetValueKind() == JsonValueKind.True;
        return new BaselineMetric(
            (string)name!,
            (double)value,
            unit,
            better.Equals(BaselineMetric.HigherIsBetter, StringComparison.OrdinalIgnoreCase) ? BaselineMetric.HigherIsBetter : BaselineMetric.LowerIsBetter,
            scenario,
            regression,
            blocking);
    }
}
