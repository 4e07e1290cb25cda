using System.Text;

namespace ApiServer.Uploads;

/// <summary>
/// Decides whether a client's file name is acceptable and reduces it to a base name. The name is
/// only metadata (storage paths use the document id), but it is shown to people and logged, so
/// traversal tricks and control characters are refused rather than silently repaired.
/// Any script is welcome: <c>Versicherungspolice_Übersicht_保险.pdf</c> stays as it is.
/// </summary>
public static class FileNameRules
{
    public const int MaxLength = 255;

    public static bool TrySanitize(string? raw, out string baseName)
    {
        baseName = "";
        if (string.IsNullOrWhiteSpace(raw) || raw.Any(IsForbiddenCharacter))
        {
            return false;
        }
        if (raw[0] is '/' or '\\' || raw.Split('/', '\\').Any(segment => segment.Trim() == ".."))
        {
            return false;
        }

        var candidate = raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..].Trim().Normalize(NormalizationForm.FormC);
        if (candidate.Length is 0 or > MaxLength || candidate is "." or "..")
        {
            return false;
        }
        baseName = candidate;
        return true;
    }

    // Control characters break logs and headers; bidirectional overrides disguise extensions
    // ("invoice\u202Efdp.exe" displays as "invoiceexe.pdf").
    // U+FFFD stands where a client sent bytes that are not UTF-8 (overlong or truncated sequences):
    // the name the person chose is unknowable, so it is refused rather than shown mangled.
    private static bool IsForbiddenCharacter(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFFFD';
}
