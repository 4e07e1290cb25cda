using System.Globalization;
using System.Text.RegularExpressions;

namespace Acceptance.Support.Backup;

/// <summary>
/// A full backup's size and duration, as a backup command reports them in one line of its output:
/// <c>base backup &lt;name&gt;: &lt;bytes&gt; bytes in &lt;seconds&gt; s</c> (scripts/backup.sh prints it; a team's own command may).
/// </summary>
public sealed partial record BaseBackupFigures(string Name, long Bytes, double Seconds)
{
    /// <summary>The figures in the first such line of a command's output, or null when it prints none.</summary>
    public static BaseBackupFigures? FindIn(string output) => Line().Match(output) is { Success: true } line
        ? new BaseBackupFigures(line.Groups["name"].Value,
            long.Parse(line.Groups["bytes"].Value, CultureInfo.InvariantCulture),
            double.Parse(line.Groups["seconds"].Value, CultureInfo.InvariantCulture))
        : null;

    /// <summary>The line itself, which <see cref="FindIn"/> reads back.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"base backup {Name}: {Bytes} bytes in {Seconds:0.00} s");

    [GeneratedRegex(@"base backup (?<name>\S+): (?<bytes>\d+) bytes in (?<seconds>[0-9]+(?:\.[0-9]+)?) s")]
    private static partial Regex Line();
}
