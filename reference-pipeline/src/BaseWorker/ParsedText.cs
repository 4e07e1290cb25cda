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
    public static bool HasText(string? markdown) =>
        !string.IsNullOrWhiteSpace(markdown)
        && markdown.Split('\n').Any(line => !string.IsNullOrWhiteSpace(line) && !PageStructure().IsMatch(line));

    [GeneratedRegex(@"^\s*(-{3,}|NO_CONTENT_HERE)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PageStructure();
}
