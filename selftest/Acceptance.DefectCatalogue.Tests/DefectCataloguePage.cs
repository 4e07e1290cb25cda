namespace Acceptance.DefectCatalogue.Tests;

/// <summary>The catalogue's tables in Markdown, as docs/defect-catalogue.md shows them.</summary>
public static class DefectCataloguePage
{
    public const string Source = "selftest/Acceptance.DefectCatalogue.Tests/DefectCatalogue.cs";

    public static string Render(IReadOnlyList<Defect> defects)
    {
        var lines = new List<string>
        {
            $"{defects.Count} defects: {defects.Count(d => !d.SoakOnly)} for the gate's own run to catch, {defects.Count(d => d.SoakOnly)} " +
            $"too slow for it, for the nightly soak (`{Defect.SoakCommand}`).",
            "",
            "| defect | honoured by | what breaks | caught by |",
            "|---|---|---|---|",
        };
        lines.AddRange(defects.Select(d =>
            $"| `{d.Name}` | {d.Service} | {Cell(d.Breaks)} | {Cell(string.Join("; ", d.CaughtBy))}{(d.SoakOnly ? " (nightly soak only)" : "")} |"));

        lines.AddRange(["", "The kinds of promise they break:", "", "| kind | defects |", "|---|---|"]);
        lines.AddRange(Enum.GetValues<DefectClass>()
            .Select(kind => (kind, names: defects.Where(d => d.Class == kind).Select(d => $"`{d.Name}`").ToList()))
            .Where(k => k.names.Count > 0)
            .Select(k => $"| {Title(k.kind)} | {string.Join(", ", k.names)} |"));
        return string.Join("\n", lines) + "\n";
    }

    public static string Title(DefectClass kind) => kind switch
    {
        DefectClass.DocumentIdentity => "document identity (owner + bytes)",
        DefectClass.AccessControl => "access control",
        DefectClass.BadInput => "bad input at the door",
        DefectClass.DataOnTheWay => "data lost or altered on the way to vectors",
        DefectClass.QueueAndLeases => "queue, leases and concurrency",
        DefectClass.RetriesAndRateLimits => "retries, rate limits and error classification",
        DefectClass.SpeedAndResources => "speed and resources",
        DefectClass.Money => "money",
        DefectClass.SecretsInLogs => "secrets and private text in logs",
        DefectClass.Operations => "operations: tracing, metrics, backups",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a kind of defect without a title"),
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
