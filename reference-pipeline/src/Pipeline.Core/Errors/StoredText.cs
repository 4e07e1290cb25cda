using System.Text;

namespace Pipeline.Core.Errors;

/// <summary>
/// Makes text extracted from real documents storable. OCR and broken font encodings leave NUL and
/// other C0 control characters in the text; PostgreSQL refuses NUL in <c>text</c> (SQLSTATE 22021)
/// and <c>\u0000</c> in <c>jsonb</c> (22P05), and a lone UTF-16 surrogate cannot be encoded as UTF-8
/// at all. Cleaning happens once, before the parsed text is stored, so every later stage sees the same text.
/// </summary>
public static class StoredText
{
    /// <summary>Replaces an unpaired surrogate, as a UTF-8 decoder does for an invalid sequence.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>
    /// Removes C0 control characters except tab, line feed and carriage return, and replaces every
    /// unpaired surrogate with U+FFFD. Returns the same instance when there is nothing to clean.
    /// </summary>
    public static string Clean(string text)
    {
        if (!NeedsCleaning(text)) return text;
        var cleaned = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cleaned.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                cleaned.Append(Replacement);
            }
            else if (!IsRemovedControl(c))
            {
                cleaned.Append(c);
            }
        }
        return cleaned.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsRemovedControl(c)) return true;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return true;
        }
        return false;
    }

    private static bool IsRemovedControl(char c) => c < '\u0020' && c is not ('\t' or '\n' or '\r');
}
