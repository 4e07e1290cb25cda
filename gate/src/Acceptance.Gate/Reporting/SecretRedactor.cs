using System.Text.RegularExpressions;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// Keeps configuration secrets out of reports. Values of keys that look secret (key, secret, token,
/// password) are masked whole; in connection strings only the password is masked, so a reader still
/// sees which server the run used. Every masked value is also scrubbed from free text (failure
/// messages, skip reasons) before a file is written.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    // Shorter values ("true", "5") are too common in prose to scrub safely; they are still masked in the configuration table.
    private const int MinimumScrubbedLength = 4;

    public SecretRedactor(IEnumerable<KeyValuePair<string, string>> configuration)
    {
        var redacted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secrets = new List<string>();
        foreach (var (key, value) in configuration)
        {
            if (ConnectionStringKey().IsMatch(key))
            {
                redacted[key] = ConnectionStringPassword().Replace(value, m => $"{m.Groups["name"].Value}={Mask}");
                secrets.AddRange(ConnectionStringPassword().Matches(value).Select(m => Unquote(m.Groups["value"].Value)));
            }
            else if (SecretKey().IsMatch(key))
            {
                redacted[key] = value.Length == 0 ? "" : Mask;
                secrets.Add(value);
            }
            else
            {
                redacted[key] = value;
            }
        }
        RedactedConfiguration = redacted;
        Secrets = secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToList();
    }

    public static SecretRedactor None { get; } = new([]);

    public IReadOnlyDictionary<string, string> RedactedConfiguration { get; }

    /// <summary>The values that must never appear in a report, longest first.</summary>
    public IReadOnlyList<string> Secrets { get; }

    public static bool IsSecretKey(string key) => ConnectionStringKey().IsMatch(key) || SecretKey().IsMatch(key);

    public string Scrub(string text)
    {
        foreach (var secret in Secrets.Where(s => s.Length >= MinimumScrubbedLength))
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Files under <paramref name="directory"/> that contain any secret value: must be none.</summary>
    public IReadOnlyList<string> FindLeaks(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(file =>
            {
                var text = File.ReadAllText(file);
                return Secrets.Where(s => s.Length >= MinimumScrubbedLength).Any(s => text.Contains(s, StringComparison.Ordinal));
            })
            .ToList();

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex("connectionstring", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringKey();

    [GeneratedRegex("key|secret|token|password", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    [GeneratedRegex("""(?<name>\b(?:password|pwd))\s*=\s*(?<value>"[^"]*"|'[^']*'|[^;]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();
}
