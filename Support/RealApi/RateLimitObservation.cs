using Acceptance.Support.Drivers;

namespace Acceptance.Support.RealApi;

/// <summary>
/// What the mock OpenAI saw while it enforced a request limit: how many requests came, how many it
/// refused, and how the refusals fell into limit windows. A refusal's window is known exactly: it
/// ends at the reset the refusal announced (received at + wait), so refusals of one window share that end.
/// </summary>
public sealed record RateLimitObservation(
    int RequestsPerWindow,
    double WindowSeconds,
    int Requests,
    int Answered,
    int Refused,
    double Seconds,
    double RequestsPerSecond,
    double LimitPerSecond,
    IReadOnlyList<int> RequestsEachSecond,
    IReadOnlyList<RefusedWindow> RefusalsByWindow)
{
    public int MostRefusedInOneWindow => RefusalsByWindow.Count == 0 ? 0 : RefusalsByWindow.Max(w => w.Refused);

    /// <summary>Requests that came after a refusal into the same used-up window (each was refused in turn): the storm, if any.</summary>
    public int RequestsAfterARefusalInItsWindow => RefusalsByWindow.Sum(w => w.Refused - 1);

    public static RateLimitObservation Of(IReadOnlyList<EmbeddingRequest> requests, int requestsPerWindow, TimeSpan window)
    {
        var ordered = requests.OrderBy(r => r.ReceivedAt).ToList();
        var first = ordered.Count == 0 ? DateTimeOffset.UnixEpoch : ordered[0].ReceivedAt;
        var seconds = ordered.Count == 0 ? 0 : (ordered[^1].ReceivedAt - first).TotalSeconds;
        var refusals = ordered.Where(r => r.Status == 429).ToList();
        return new RateLimitObservation(
            requestsPerWindow,
            window.TotalSeconds,
            ordered.Count,
            ordered.Count(r => r.Status == 200),
            refusals.Count,
            Math.Round(seconds, 2),
            Math.Round(ordered.Count / Math.Max(seconds, window.TotalSeconds), 2),
            Math.Round(requestsPerWindow / window.TotalSeconds, 2),
            ordered.GroupBy(r => (int)(r.ReceivedAt - first).TotalSeconds)
                .Aggregate(new int[(int)seconds + 1], (counts, second) => { counts[second.Key] = second.Count(); return counts; }),
            WindowsOf(refusals, window));
    }

    /// <summary>Refusals grouped by the reset they announced; resets less than half a window apart are one window.</summary>
    private static List<RefusedWindow> WindowsOf(IEnumerable<EmbeddingRequest> refusals, TimeSpan window)
    {
        var windows = new List<RefusedWindow>();
        foreach (var reset in refusals.Select(r => r.ReceivedAt.AddMilliseconds(r.RetryAfterMs ?? 0)).Order())
        {
            if (windows.Count > 0 && reset - windows[^1].ResetsAt < window / 2)
                windows[^1] = windows[^1] with { Refused = windows[^1].Refused + 1 };
            else
                windows.Add(new RefusedWindow(reset, 1));
        }
        return windows;
    }
}

/// <summary>One limit window in which the mock refused requests: when it reset, and how many it refused.</summary>
public sealed record RefusedWindow(DateTimeOffset ResetsAt, int Refused);
