using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// Links that open one scenario in the living documentation: its feature alone, expanded, the
/// scenario in view and marked. The link names the scenario by file and line
/// (<c>living-documentation.html#scenario=Features/Upload.feature:12</c>, an example row's line for
/// an outline's row), which stay the same from run to run; ScenarioDeepLink.js, added to Cucumber's
/// page, resolves it against the run's Gherkin documents.
/// </summary>
public static class ScenarioDeepLinks
{
    private const string ScriptId = "scenario-deep-link";
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(ScenarioDeepLinks).Assembly.GetManifestResourceStream("ScenarioDeepLink.js")
            ?? throw new InvalidOperationException("ScenarioDeepLink.js is not embedded in the gate's assembly.");
        return new StreamReader(stream).ReadToEnd();
    });

    public static string To(ScenarioReport scenario) =>
        $"{scenario.ReportLink}#scenario={string.Join('/', scenario.File.Split('/').Select(Uri.EscapeDataString))}:{scenario.Line}";

    /// <summary>Adds the script that follows such links to a living documentation page (replacing an earlier copy).</summary>
    public static string AddScript(string html)
    {
        var tag = $"<script id=\"{ScriptId}\">";
        var start = html.IndexOf(tag, StringComparison.Ordinal);
        if (start >= 0)
            html = html.Remove(start, html.IndexOf("</script>", start, StringComparison.Ordinal) + "</script>".Length - start);
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return html.Insert(end < 0 ? html.Length : end, $"{tag}\n{Script.Value}</script>");
    }
}
