using System.Globalization;
using System.Text;

namespace Acceptance.Support.ContractProbe;

/// <summary>The probe's one table (item · result · what to do), as console text and as Markdown for the run folder.</summary>
public static class ProbeTable
{
    private static readonly string[] Headings = ["item", "result", "what to do"];

    public static string Title(ProbeReport report) =>
        $"Contract probe · target {report.Target} · {report.Findings.Count} items in {Seconds(report.Elapsed)} s";

    public static string Text(ProbeReport report)
    {
        var rows = report.Findings.Select(f => new[] { f.Item, Word(f.Result), f.Action }).ToList();
        var widths = Enumerable.Range(0, 2).Select(i => rows.Select(r => r[i].Length).Append(Headings[i].Length).Max()).ToArray();
        var text = new StringBuilder().AppendLine(Title(report));
        foreach (var row in rows.Prepend(Headings))
            text.AppendLine($"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2]}".TrimEnd());
        return text.ToString();
    }

    public static string Markdown(ProbeReport report)
    {
        var text = new StringBuilder().AppendLine($"# {Title(report)}").AppendLine()
            .AppendLine("| item | result | what to do |").AppendLine("|---|---|---|");
        foreach (var finding in report.Findings)
            text.AppendLine($"| {Cell(finding.Item)} | {Word(finding.Result)} | {Cell(finding.Action)} |");
        return text.ToString();
    }

    /// <summary>The one message under the table: whether the run may start, and why not.</summary>
    public static string Verdict(ProbeReport report)
    {
        var probeTime = $"Probe time {Seconds(report.Elapsed)} s.";
        if (!report.Passes)
            return $"The target does not meet the pipeline contract: {report.Blocking.Count} item(s) missing or wrong " +
                   $"({string.Join("; ", report.Blocking.Select(f => f.Item))}). No scenario was started; fix them and run scripts/gate.sh --check-contract again. {probeTime}";
        var notGiven = report.Findings.Count(f => f.Result == ProbeResult.NotGiven);
        return notGiven == 0
            ? $"The target meets the pipeline contract. {probeTime}"
            : $"The target meets the pipeline contract; {notGiven} capability(ies) not given: the criteria that need them read \"not verified\". {probeTime}";
    }

    public static string Word(ProbeResult result) => result switch
    {
        ProbeResult.Present => "present",
        ProbeResult.Missing => "missing",
        ProbeResult.Wrong => "wrong",
        _ => "not given",
    };

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
