using System.Diagnostics;

namespace Pipeline.TestKit.Internal;

/// <summary>
/// Waits for a named condition that can only be observed by asking (a port accepting connections,
/// a health endpoint answering). Bounded by a timeout; failure says what was awaited and what was last seen.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <param name="probe">Returns null when the condition holds, otherwise a description of what it saw.</param>
    /// <param name="diagnostics">Extra context for the failure message (e.g. a log tail).</param>
    public static async Task UntilAsync(
        string condition,
        Func<CancellationToken, Task<string?>> probe,
        TimeSpan timeout,
        Func<string> diagnostics,
        CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        string? lastSeen = "nothing observed yet";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            lastSeen = await probe(ct);
            if (lastSeen is null) return;
            if (clock.Elapsed >= timeout)
                throw new TimeoutException(
                    $"{condition} did not happen within {timeout.TotalSeconds:0.#} s; last seen: {lastSeen}{Environment.NewLine}{diagnostics()}");
            await Task.Delay(Interval, ct); // pacing between probes, not synchronisation
        }
    }
}
