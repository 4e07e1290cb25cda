using System.Text.Json;

namespace Reqnroll.XunitV3Runner.Discovery;

/// <summary>
/// The few settings the runner takes from reqnroll.json, read with the same names Reqnroll uses,
/// so a project keeps one configuration when it swaps runners.
/// </summary>
internal sealed record RunnerSettings(IReadOnlySet<string> NonParallelizableTags, IReadOnlyDictionary<string, string?> Formatters)
{
    public static RunnerSettings Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "reqnroll.json");
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var formatters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(path))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (json.RootElement.TryGetProperty("generator", out var generator)
                && generator.TryGetProperty("addNonParallelizableMarkerForTags", out var markers))
            {
                foreach (var tag in markers.EnumerateArray())
                    tags.Add(tag.GetString()!.TrimStart('@'));
            }
            if (json.RootElement.TryGetProperty("formatters", out var configured))
            {
                foreach (var formatter in configured.EnumerateObject())
                    formatters[formatter.Name] = formatter.Value.ValueKind == JsonValueKind.Object
                        && formatter.Value.TryGetProperty("outputFilePath", out var file) ? file.GetString() : null;
            }
        }
        return new RunnerSettings(tags, formatters);
    }

    public bool IsNonParallelizable(IEnumerable<string> featureTags) => featureTags.Any(NonParallelizableTags.Contains);
}
