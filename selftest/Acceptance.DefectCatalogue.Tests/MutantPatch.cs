using System.Text.RegularExpressions;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// One of the suite's own mutants, selftest/mutants/&lt;name&gt;.patch: a realistic bug as a unified diff,
/// preceded by its header (what scripts/mutants.sh reads): <c>Models: the bug</c> and
/// <c>Tags: the gate tags whose scenarios should catch it</c>, comma-separated. git apply skips the header.
/// </summary>
public sealed partial record MutantPatch(string Name, string Models, IReadOnlyList<string> Tags, IReadOnlyList<string> ChangedFiles)
{
    public const string Folder = "selftest/mutants";

    /// <summary>The folders a mutant may change: the pipeline under test, its alert rules and its operator scripts, never the suite.</summary>
    public static readonly string[] MutableFolders = ["reference-pipeline/", "monitoring/", "scripts/"];

    public static IReadOnlyList<string> NamesIn(string repositoryRoot) =>
        Directory.GetFiles(Path.Combine(repositoryRoot, Folder), "*.patch").Select(p => Path.GetFileNameWithoutExtension(p)!).Order().ToList();

    /// <summary>Reads a patch's header and the files it changes; throws with the reason when the header is not as described above.</summary>
    public static MutantPatch Read(string name, string text)
    {
        var lines = text.Split('\n');
        string Field(int line, string key) =>
            lines.Length > line && lines[line].StartsWith($"{key}: ", StringComparison.Ordinal) && lines[line].Length > key.Length + 2
                ? lines[line][(key.Length + 2)..].Trim()
                : throw new FormatException($"{name}.patch: line {line + 1} must be \"{key}: ...\" (see docs/defect-catalogue.md).");
        var models = Field(0, "Models");
        var tags = Field(1, "Tags").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var changed = DiffHeader().Matches(text).Select(m => m.Groups["path"].Value).Distinct().ToList();
        if (changed.Count == 0) throw new FormatException($"{name}.patch holds no diff (no \"diff --git\" line).");
        return new MutantPatch(name, models, tags, changed);
    }

    [GeneratedRegex(@"^diff --git a/(?<path>\S+) b/", RegexOptions.Multiline)]
    private static partial Regex DiffHeader();
}
