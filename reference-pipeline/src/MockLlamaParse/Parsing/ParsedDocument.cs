using System.Text.Json.Serialization;

namespace MockLlamaParse.Parsing;

public sealed record ParsedPage(int Number, string Text)
{
    /// <summary>
    /// What LlamaParse writes for a page it found nothing on, instead of an empty page (seen in real
    /// LlamaParse markdown output; e.g. the LangChain LlamaParse loader returns pages reading exactly
    /// <c>NO_CONTENT_HERE</c>). A pipeline must not count it as text.
    /// </summary>
    public const string NoContent = "NO_CONTENT_HERE";

    [JsonIgnore]
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    /// <summary>The page's markdown: its text as is (LlamaParse adds no page heading), or <see cref="NoContent"/>.</summary>
    [JsonIgnore]
    public string Markdown => IsBlank ? NoContent : Text.Trim();
}

/// <summary>What the parser extracted from a document: its pages, kept in the job's page file.</summary>
public sealed record ParsedDocument(PageFile Pages, int PageCount)
{
    /// <summary>
    /// LlamaParse's default <c>page_separator</c>. Source: llama_cloud_services TypeScript client,
    /// <c>ts/llama_cloud_services/src/reader.ts</c> ("If not set, default is \"\\n---\\n\"", and
    /// <c>splitByPage</c> splits text and markdown results on it).
    /// </summary>
    public const string PageSeparator = "\n---\n";
}
