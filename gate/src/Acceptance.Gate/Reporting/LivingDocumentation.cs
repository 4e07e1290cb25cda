using System.Net;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Steps;
using Cucumber.HtmlFormatter;
using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.PayloadProcessing;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// The living documentation: Cucumber's own HTML report of a message stream, with the gate's
/// verdict stated above it and links to the readiness page and the step catalogue, so a reader who
/// opens it first is not misled by a headline such as "100% passed" when the gate says NOT READY.
/// </summary>
public static class LivingDocumentation
{
    public const string FileName = "living-documentation.html";
    private const string BannerId = "gate-verdict";

    /// <summary>Renders the HTML report from a Cucumber message stream, as Reqnroll's html formatter would.</summary>
    public static async Task RenderAsync(string messagesPath, string htmlPath)
    {
        await using var output = File.Create(htmlPath);
        var writer = new MessagesToHtmlWriter(output, async (stream, envelope) => await stream.WriteAsync(NdjsonSerializer.Serialize(envelope)));
        await using (writer)
        {
            foreach (var line in File.ReadLines(messagesPath).Where(l => !string.IsNullOrWhiteSpace(l)))
                await writer.WriteAsync(NdjsonSerializer.Deserialize(line));
        }
    }

    /// <summary>
    /// Puts the verdict banner at the top of the page (replacing an earlier one) and the script that
    /// follows the readiness page's links to one scenario at its end, leaving the report itself untouched.
    /// </summary>
    public static void AddVerdictBanner(string htmlPath, ReadinessReport report, SecretRedactor? redactor = null)
    {
        var html = File.ReadAllText(htmlPath);
        var start = html.IndexOf($"<div id=\"{BannerId}\"", StringComparison.Ordinal);
        if (start >= 0)
            html = html.Remove(start, html.IndexOf("</div>", start, StringComparison.Ordinal) + "</div>".Length - start);
        var body = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var insertAt = body < 0 ? 0 : html.IndexOf('>', body) + 1;
        html = html.Insert(insertAt, (redactor ?? SecretRedactor.None).Scrub(Banner(report)));
        File.WriteAllText(htmlPath, ScenarioDeepLinks.AddScript(html));
    }

    public static string Banner(ReadinessReport report)
    {
        var (colour, border) = report.Verdict switch
        {
            GateVerdict.Pass => ("#dafbe1", "#1a7f37"),
            GateVerdict.Fail => ("#ffebe9", "#cf222e"),
            _ => ("#fff8c5", "#9a6700"),
        };
        var verified = report.Criteria.Count(c => c.Verdict == CriterionVerdict.Verified);
        var reasons = report.Reasons.Count == 0 ? "" : $" · {report.Reasons.Count} reason(s): {WebUtility.HtmlEncode(report.Reasons[0])}{(report.Reasons.Count > 1 ? " …" : "")}";
        // No nested div: the banner is replaced up to its first closing div (AddVerdictBanner).
        var path = report.PathToReady is not { } p ? "" :
            $"<span id=\"path-to-ready\" style=\"display:block;margin:.4rem 0\"><strong>Path to READY</strong>: {WebUtility.HtmlEncode(p.Summary)} "
            + string.Join(" · ", p.Steps.Select(step => $"<strong>{WebUtility.HtmlEncode(step.Label)}</strong>: "
                + (step.Command is null ? "" : $"<code>{WebUtility.HtmlEncode(step.Command)}</code> — ") + WebUtility.HtmlEncode(step.Text)))
            + "</span>";
        return $"<div id=\"{BannerId}\" style=\"font-family:system-ui,sans-serif;background:{colour};border-bottom:3px solid {border};padding:.8rem 1.5rem;font-size:1rem\">"
            + $"<strong style=\"font-size:1.3rem\">{VerdictWords.Symbol(report.Verdict)} {WebUtility.HtmlEncode(VerdictWords.Headline(report))}</strong> · {verified} of {report.Criteria.Count} criteria verified{reasons}<br>"
            + path
            + "The percentages below count scenarios of this run only; the gate's verdict is decided by the Phase 4 criteria. "
            + $"<a href=\"{ReadinessHtmlWriter.FileName}\">Readiness report</a> · <a href=\"{StepCatalogue.HtmlFile}\">Step catalogue</a></div>";
    }
}
