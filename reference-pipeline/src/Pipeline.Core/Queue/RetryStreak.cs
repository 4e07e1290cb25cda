using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Core.Queue;

/// <summary>
/// When a job started failing at its current stage: the start of its retry window. Kept in the job's
/// payload (<c>failingSince</c>, <c>failingStage</c>), so it survives worker restarts; a failure at a
/// later stage starts a new window, and an operator's requeue removes it.
/// </summary>
public sealed record RetryStreak(DateTimeOffset Since, string Stage)
{
    public const string SinceKey = "failingSince";
    public const string StageKey = "failingStage";

    public static RetryStreak Of(ClaimedJob job, DateTimeOffset now)
    {
        var since = job.PayloadString(SinceKey);
        return job.PayloadString(StageKey) == job.Stage
               && DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started)
            ? new RetryStreak(started, job.Stage)
            : new RetryStreak(now, job.Stage);
    }

    public TimeSpan Elapsed(DateTimeOffset now) => now - Since;

    /// <summary>The failure's payload patch with this streak recorded in it.</summary>
    public JsonObject Record(JsonObject? patch)
    {
        var merged = patch is null ? new JsonObject() : (JsonObject)patch.DeepClone();
        merged[SinceKey] = Since.ToString("O", CultureInfo.InvariantCulture);
        merged[StageKey] = Stage;
        return merged;
    }

    /// <summary>"42 s", "12 min", "3.5 h": how long a person reads a retry window.</summary>
    public static string Describe(TimeSpan span) => span.TotalSeconds switch
    {
        < 120 => $"{span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s",
        < 7200 => $"{span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min",
        _ => $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h",
    };
}
