using System.Text.RegularExpressions;

namespace BaseWorker;

/// <summary>
/// Whether the parser's markdown holds any text of the document. A scan without OCR still comes back
/// with the parser's own page structure, which is not content: page separators (<c>---</c>, LlamaParse's
/// default <c>page_separator</c> "\n---\n") and <c>NO_CONTENT_HERE</c>, what LlamaParse writes for a
/// page it found nothing on. There is nothing to chunk or embed in those.
/// </summary>
public static partial class ParsedText
{
    public static bool HasText(string? markdown) => markdown is not null && HasText(new StringReader(markdown));

    /// <summary>Reads line by line and stops at the first line of text, so a long document is never read whole.</summary>
    public static bool HasText(TextReader markdown)
    {
        while (markdown.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line) && !PageStructure().IsMatch(line)) return true;
        }
        return false;
    }

    [GeneratedRegex(@"^\s*(-{3,}|NO_CONTENT_HERE)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PageStructure();
}
