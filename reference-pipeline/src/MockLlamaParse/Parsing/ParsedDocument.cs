namespace MockLlamaParse.Parsing;

public sealed record ParsedPage(int Number, string Text)
{
    /// <summary>One markdown section per page, so page boundaries survive into chunking.</summary>
    public string Markdown => $"# Page {Number}\n\n{Text.Trim()}";
}

/// <summary>What the parser extracted from a document, in the three result shapes LlamaParse serves.</summary>
public sealed record ParsedDocument(IReadOnlyList<ParsedPage> Pages)
{
    /// <summary>LlamaParse's default page separator in markdown output.</summary>
    public const string PageSeparator = "\n\n---\n\n";

    public string Markdown => string.Join(PageSeparator, Pages.Select(page => page.Markdown));

    public string Text => string.Join("\n\n", Pages.Select(page => page.Text.Trim()));

    public IReadOnlyList<object> JsonPages => Pages
        .Select(page => (object)new { page = page.Number, text = page.Text, md = page.Markdown, images = Array.Empty<object>(), items = Array.Empty<object>() })
        .ToList();
}
