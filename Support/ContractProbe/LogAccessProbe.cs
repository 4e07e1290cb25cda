using System.Text.Json;

namespace Acceptance.Support.ContractProbe;

/// <summary>Whether the target lets the suite read its service logs, and whether their lines are the contract's CLEF.</summary>
public static class LogAccessProbe
{
    public static ProbeFinding Check(ContractDocument contract, IReadOnlyDictionary<string, string> logFiles)
    {
        const string item = "service logs";
        if (logFiles.Count == 0)
            return ProbeFinding.NotGiven(item, "the target gives no way to read its service logs", contract.LogCriteria);
        // Only the properties every line has; the others belong to lines about a job or an error.
        var always = contract.LogProperties.Where(p => p is "@t" or "@mt").ToList();
        foreach (var (service, file) in logFiles)
        {
            var first = File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.Length > 0) : null;
            if (first is not null && !IsClef(first, always))
                return new(item, ProbeResult.Wrong, $"{service}'s log lines are not CLEF with {string.Join(" and ", always)}: write one compact JSON object per line (docs/contract.md, Logs)");
        }
        return new(item, ProbeResult.Present, $"readable: {string.Join(", ", logFiles.Keys.Order(StringComparer.Ordinal))}");
    }

    private static bool IsClef(string line, IReadOnlyList<string> properties)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.ValueKind == JsonValueKind.Object && properties.All(p => json.RootElement.TryGetProperty(p, out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
