using System.Text.RegularExpressions;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// One decision record of docs/decisions/ (NNNN-title.md): "# NNNN Title", a "Kind:" line (testing strategy or
/// optimisation), a "Status:" line, then its sections. The records live in the repository; the gate renders them
/// into each report folder's phase4-decisions.md.
/// </summary>
public sealed partial record DecisionRecord(string Number, string Title, string Kind, string Status, string Body)
{
    public const string TestingStrategy = "testing strategy";
    public const string Optimisation = "optimisation";

    /// <summary>The repository's records, in number order.</summary>
    public static IReadOnlyList<DecisionRecord> InRepository() =>
        LoadAll(Path.Combine(Running.GateRun.RepositoryRoot(), "docs", "decisions"));

    public static IReadOnlyList<DecisionRecord> LoadAll(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.md").Where(f => FileName().IsMatch(Path.GetFileName(f)))
                .Order(StringComparer.Ordinal).Select(Parse).ToList()
            : [];

    public static DecisionRecord Parse(string path)
    {
        var lines = File.ReadAllLines(path);
        var heading = lines.Length > 0 ? Heading().Match(lines[0]) : Match.Empty;
        string? Field(string name) => lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();
        var kind = Field("Kind");
        if (!heading.Success || kind is not (TestingStrategy or Optimisation))
            throw new InvalidDataException(
                $"{path} is not a decision record: it needs a first line \"# NNNN Title\" and a line \"Kind: {TestingStrategy}\" or \"Kind: {Optimisation}\".");
        var body = lines.Skip(1).SkipWhile(l => l.Trim().Length == 0 || l.StartsWith("Kind:", StringComparison.Ordinal) || l.StartsWith("Status:", StringComparison.Ordinal));
        return new DecisionRecord(heading.Groups["number"].Value, heading.Groups["title"].Value.Trim(), kind, Field("Status") ?? "accepted",
            string.Join('\n', body).Trim());
    }

    [GeneratedRegex(@"^\d{4}-[a-z0-9-]+\.md$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^#\s+(?<number>\d{4})\s+(?<title>.+)$")]
    private static partial Regex Heading();
}
