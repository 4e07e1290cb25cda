using System.Text.RegularExpressions;

namespace BaseWorker;

/// <summary>
/// Whether the parser's markdown holds any text of the document. A scan without OCR still comes back
/// with the parser's own page structure (separators <c>---</c>, the mock's <c># Page n</c> markers),
/// which is not content: there is nothing to chunk or embed.
/// </summary>
public static partial class ParsedText
{
    public static bool HasText(string? markdown) =>
        !string.IsNullOrWhiteSpace(markdown)
        && markdown.Split('\n').Any(line => !string.IsNullOrWhiteSpace(line) && !PageStructure().IsMatch(line));

    [GeneratedRegex(@"^\s*(-{3,}|#+\s*Page\s+\d+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageStructure();
}
