using System.Net;
using System.Text;

namespace Acceptance.Gate.Steps;

/// <summary>Writes the step catalogue for scenario writers as Markdown and as a self-contained, searchable HTML page.</summary>
public static class StepCatalogueWriter
{
    public static void Write(StepCatalogue catalogue, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, StepCatalogue.MarkdownFile), Markdown(catalogue));
        File.WriteAllText(Path.Combine(directory, StepCatalogue.HtmlFile), Html(catalogue));
    }

    public static string Markdown(StepCatalogue catalogue)
    {
        var text = new StringBuilder();
        text.AppendLine("# Step catalogue");
        text.AppendLine();
        text.AppendLine($"{catalogue.Entries.Count} step phrases, {catalogue.Entries.Count(e => e.Unused)} unused; read from Reqnroll's binding registry of the suite. "
            + "Parameters in braces are Cucumber expression types: {persona} is a person's name (Dana, Ravi), {document} a quoted test document file name, {duration} \"60 seconds\" or \"2 minutes\".");
        text.AppendLine();
        text.AppendLine("| keyword | phrase | parameters | example | used in | binding |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var entry in catalogue.Entries)
        {
            var used = entry.Unused ? "⚠️ **unused**" : string.Join("<br>", entry.Usages.Select(u => $"{u.File}:{u.Line}").Distinct());
            text.AppendLine($"| {entry.Binding.Keyword} | `{Cell(entry.Binding.Phrase)}` | {Cell(Parameters(entry.Binding))} | {Cell(entry.Example)} | {used} | `{entry.Binding.Method}` |");
        }
        if (catalogue.Unmatched.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Steps without a definition");
            text.AppendLine();
            foreach (var step in catalogue.Unmatched)
                text.AppendLine($"- {step.File}:{step.Line}: {step.Keyword ?? "*"} {step.Text}");
        }
        return text.ToString();
    }

    public static string Html(StepCatalogue catalogue)
    {
        var rows = new StringBuilder();
        foreach (var entry in catalogue.Entries)
        {
            var used = entry.Unused
                ? "<span class=\"unused\">unused</span>"
                : string.Join("<br>", entry.Usages.Select(u => Encode($"{u.File}:{u.Line}")).Distinct());
            rows.AppendLine($"<tr class=\"{(entry.Unused ? "unused-row" : "")}\"><td>{entry.Binding.Keyword}</td><td><code>{Encode(entry.Binding.Phrase)}</code></td>"
                + $"<td>{Encode(Parameters(entry.Binding))}</td><td>{Encode(entry.Example)}</td><td>{used}</td><td><code>{Encode(entry.Binding.Method)}</code></td></tr>");
        }
        var unmatched = catalogue.Unmatched.Count == 0 ? "" :
            "<h2>Steps without a definition</h2><ul>" + string.Concat(catalogue.Unmatched.Select(s => $"<li>{Encode($"{s.File}:{s.Line}: {s.Keyword ?? "*"} {s.Text}")}</li>")) + "</ul>";
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Step catalogue</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
            table { border-collapse: collapse; width: 100%; font-size: .9rem; }
            th, td { border-bottom: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; position: sticky; top: 0; }
            code { background: #f6f8fa; padding: 0 .2rem; }
            .unused { color: #9a6700; font-weight: 600; }
            input { font-size: 1rem; padding: .3rem; width: 30rem; margin-bottom: 1rem; }
            </style></head><body>
            <p><a href="readiness.html">Readiness report</a> · <a href="living-documentation.html">Living documentation</a></p>
            <h1>Step catalogue</h1>
            <p>{{catalogue.Entries.Count}} step phrases, {{catalogue.Entries.Count(e => e.Unused)}} unused, read from Reqnroll's binding registry of the suite.
            Parameters in braces are Cucumber expression types: <code>{persona}</code> a person's name (Dana, Ravi), <code>{document}</code> a quoted test document file name, <code>{duration}</code> "60 seconds" or "2 minutes".</p>
            <input id="filter" type="search" placeholder="Filter steps…" aria-label="Filter steps">
            <table id="steps"><thead><tr><th>keyword</th><th>phrase</th><th>parameters</th><th>example</th><th>used in</th><th>binding</th></tr></thead>
            <tbody>
            {{rows}}</tbody></table>
            {{unmatched}}
            <script>
            document.getElementById('filter').addEventListener('input', e => {
              const q = e.target.value.toLowerCase();
              for (const row of document.querySelectorAll('#steps tbody tr'))
                row.style.display = row.textContent.toLowerCase().includes(q) ? '' : 'none';
            });
            </script>
            </body></html>
            """;
    }

    private static string Parameters(StepBinding binding) =>
        string.Join(", ", binding.Parameters.Select(p => $"{p.Name}: {p.Type}"));

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
