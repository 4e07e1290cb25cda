namespace MockLlamaParse.Parsing;

public sealed record ParsedPage(int Number, string Text)
{
    /// <summary>
    /// What LlamaParse writes for a page it found nothing on, instead of an empty page (seen in real
    /// LlamaParse markdown output; e.g. the LangChain LlamaParse loader returns pages reading exactly
    /// <c>NO_CONTENT_HERE</c>). A pipeline must not count it as text.
    /// </summary>
    public const string NoContent = "NO_CONTENT_HERE";

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    /// <summary>The page's markdown: its text as is (LlamaParse adds no page heading), or <see cref="NoContent"/>.</summary>
    public string Markdown => IsBlank ? NoContent : Text.Trim();
}

/// <summary>What the parser extracted from a document, in the three result shapes LlamaParse serves.</summary>
public sealed record ParsedDocument(IReadOnlyList<ParsedPage> Pages)
{
    /// <summary>
    /// LlamaParse's default <c>page_separator</c>. Source: llama_cloud_services TypeScript client,
    /// <c>ts/llama_cloud_services/src/reader.ts</c> ("If not set, default is \"\\n---\\n\"", and
    /// <c>splitByPage</c> splits text and markdown results on it).
    /// </summary>
    public const string PageSeparator = "\n---\n";

    public string Markdown => string.Join(PageSeparator, Pages.Select(page => page.Markdown));

    public string Text => string.Join(PageSeparator, Pages.Select(page => page.Text.Trim()));

    /// <summary>One entry per page: <c>page</c>, <c>text</c>, <c>md</c>, <c>images</c>, <c>items</c> (webhook docs and JSON result).</summary>
    public IReadOnlyList<object> JsonPages => Pages
        .Select(page => (object)new { page = page.Number, text = page.Text, md = page.Markdown, images = Array.Empty<object>(), items = Array.Empty<object>() })
        .ToList();
}
