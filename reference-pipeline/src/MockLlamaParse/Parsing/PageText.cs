using System.Text;
using UglyToad.PdfPig.Content;

namespace MockLlamaParse.Parsing;

/// <summary>
/// A page's text as a parser reads it: letters in content order, a line break where the baseline moves or the text
/// runs back to the left, and a space wherever the PDF has one or the gap before a letter is wider than
/// <see cref="WordGap"/> of the font size. TeX and other typesetters draw the words of a justified line without
/// space characters, only with gaps; reading letters alone glues them (<c>overcompletecontroloftheboot</c>).
/// </summary>
public static class PageText
{
    /// <summary>
    /// A gap of more than 0.15 em between two letters separates words: kerning and letter spacing stay well below it,
    /// the narrowest justified word space (about a third of an em, shrunk) well above. poppler's pdftotext breaks
    /// words at a similar fraction of the font size.
    /// </summary>
    public const double WordGap = 0.15;

    /// <summary>A baseline that moves by more than half the font size starts a new line.</summary>
    private const double LineShift = 0.5;

    public static string Of(Page page)
    {
        var text = new StringBuilder();
        Letter? previous = null;
        var spaceDrawn = false;
        foreach (var letter in page.Letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                spaceDrawn = true;
                continue;
            }
            if (previous is not null) text.Append(Separator(previous, letter, spaceDrawn));
            text.Append(letter.Value);
            previous = letter;
            spaceDrawn = false;
        }
        return text.ToString();
    }

    private static string Separator(Letter previous, Letter next, bool spaceDrawn)
    {
        var size = Math.Max(previous.PointSize, 1);
        var gap = next.StartBaseLine.X - previous.EndBaseLine.X;
        var sameLine = Math.Abs(next.StartBaseLine.Y - previous.StartBaseLine.Y) < size * LineShift && gap > -size;
        if (!sameLine) return "\n";
        return spaceDrawn || gap > size * WordGap ? " " : "";
    }
}
