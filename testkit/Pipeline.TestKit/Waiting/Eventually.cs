using System.Diagnostics;

namespace Pipeline.TestKit.Waiting;

/// <summary>
/// The test projects' one way to wait for a named condition: probe until it holds, bounded by a
/// timeout. A probe that throws has simply not seen the condition yet (a server still starting);
/// on timeout the failure says what was awaited and the last thing seen, value or error.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(string condition, Func<Task<T>> probe, Func<T, bool> satisfied, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var lastSeen = "nothing yet";
        while (true)
        {
            try
            {
                var value = await probe();
                if (satisfied(value)) return value;
                lastSeen = value?.ToString() ?? "null";
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lastSeen = $"{e.GetType().Name}: {e.Message}";
            }
            if (clock.Elapsed >= timeout)
                throw new TimeoutException($"{condition} did not happen within {timeout.TotalSeconds:0.#} s; last seen: {lastSeen}");
            await Task.Delay(Interval); // pacing between probes of a named condition, not synchronisation
        }
    }
}
