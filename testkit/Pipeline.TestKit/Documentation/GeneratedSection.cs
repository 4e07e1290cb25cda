namespace Pipeline.TestKit.Documentation;

/// <summary>
/// The part of a hand-written Markdown page that is rendered from a declaration in code, between a begin and an
/// end marker line, so the page's prose stays editable while its table can never drift from the code. A test
/// compares the committed section with a fresh rendering; with <c>UPDATE_DOCS=1</c> it rewrites the section instead.
/// </summary>
public static class GeneratedSection
{
    public const string UpdateVariable = "UPDATE_DOCS";
    public const string End = "<!-- end of generated section -->";

    public static string Begin(string source) => $"<!-- generated from {source} by a test: do not edit by hand -->";

    /// <summary>
    /// Checks that the section of <paramref name="page"/> (a path from <paramref name="repositoryRoot"/>) generated from
    /// <paramref name="source"/> equals <paramref name="rendered"/>. Returns null when it does (or when it was just
    /// rewritten because UPDATE_DOCS=1), else a message naming the page and how to regenerate it with
    /// <paramref name="regenerateCommand"/>.
    /// </summary>
    public static string? Check(string repositoryRoot, string page, string source, string rendered, string regenerateCommand)
    {
        var pagePath = Path.Combine(repositoryRoot, page);
        var text = File.ReadAllText(pagePath).ReplaceLineEndings("\n");
        var begin = Begin(source);
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf(End, start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
            return $"{page} has no generated section: it needs the line '{begin}' and, below it, the line '{End}'.";

        var bodyStart = start + begin.Length + 1;
        // A blank line on each side, so Markdown ends the rendered table before the end marker.
        var expected = "\n" + rendered.ReplaceLineEndings("\n").Trim('\n') + "\n\n";
        if (text[bodyStart..end] == expected) return null;

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(pagePath, text[..bodyStart] + expected + text[end..]);
            return null;
        }
        return $"{page} differs from what {source} declares. Regenerate it: {UpdateVariable}=1 {regenerateCommand}";
    }
}
