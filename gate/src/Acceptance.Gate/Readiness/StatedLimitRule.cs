using System.Globalization;
using System.Text.Json;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Readiness;

/// <summary>
/// "Met only with the stretched limit": on a busy machine the suite stretches its waits (by the CPU canary's slowdown
/// at start), so a Then such as "the operators are alerted within 45 seconds" can pass after 235 s. For every Then
/// that states a limit the suite attaches what the wait took (the suite's StatedLimits, <see cref="EvidenceFile"/>); a
/// passed scenario whose wait took longer than the limit its Then states did not show the promise kept, so it is
/// reported not judged, never verified, whatever the machine.
/// </summary>
public static class StatedLimitRule
{
    /// <summary>The suite's evidence file of one Then's stated limit and the time its wait took.</summary>
    public const string EvidenceFile = "stated-limit.json";

    /// <summary>Why a passed scenario is not judged, or null when each stated limit was met (or none was stated).</summary>
    public static string? MetOnlyWithStretch(IEnumerable<EvidenceAttachment> attachments)
    {
        var missed = attachments
            .Where(a => a.FileName == EvidenceFile && a.JsonText is not null)
            .Select(a => Read(a.JsonText!))
            .OfType<StatedLimit>()
            .FirstOrDefault(limit => limit.TookSeconds > limit.StatedSeconds);
        return missed is null
            ? null
            : $"not judged: met only with the stretched limit (took {Seconds(missed.TookSeconds)} against {Seconds(missed.StatedSeconds)}): {missed.Step}";
    }

    private static StatedLimit? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<StatedLimit>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private sealed record StatedLimit(string Step, double StatedSeconds, double TookSeconds);
}
