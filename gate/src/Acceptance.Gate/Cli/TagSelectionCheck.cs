using Acceptance.Gate.Inventory;
using Acceptance.Gate.Steps;

namespace Acceptance.Gate.Cli;

/// <summary>
/// A tag in --tags or --exclude-tags that no feature file uses selects nothing (or leaves nothing out) without a word:
/// most often a typo. The run stops before anything starts and names the closest tags that exist.
/// </summary>
public static class TagSelectionCheck
{
    /// <summary>Beyond this distance (see <see cref="PhraseDistance"/>; 0.5 is two typos in a four-letter tag) a tag is too different to be the one meant.</summary>
    private const double MaxSuggestionDistance = 0.5;

    private const int MaxSuggestions = 3;

    /// <summary>Throws a <see cref="GateUsageException"/> naming every unknown tag and what it may have meant.</summary>
    public static void Check(GateOptions options, GherkinInventory inventory)
    {
        // The tag grammar's plain tags are known even while no scenario carries them (e.g. quarantine).
        var known = inventory.Scenarios.SelectMany(s => s.Tags).Select(t => t.Name).Concat(GateTags.Plain)
            .Select(t => t.TrimStart('@'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new[] { ("--tags", options.Tags), ("--exclude-tags", options.ExcludedTags) }
            .SelectMany(option => option.Item2.Where(tag => !known.Contains(tag)).Select(tag => Describe(option.Item1, tag, known)))
            .ToList();
        if (problems.Count > 0)
            throw new GateUsageException(string.Join(" ", problems));
    }

    private static string Describe(string option, string tag, IReadOnlySet<string> known)
    {
        var closest = known
            .Select(candidate => (Tag: candidate, Distance: PhraseDistance.Between(tag, candidate)))
            .Where(c => c.Distance <= MaxSuggestionDistance)
            .OrderBy(c => c.Distance).ThenBy(c => c.Tag, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(c => $"'{c.Tag}'")
            .ToList();
        var suggestion = closest.Count > 0 ? $"did you mean {string.Join(" or ", closest)}?" : "no feature file uses a tag like it.";
        return $"{option}: no scenario has the tag '{tag}'; {suggestion}";
    }
}
