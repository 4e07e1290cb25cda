namespace Pipeline.Tests.Support;

/// <summary>Waits for a named condition, failing with what it waited for and the last thing it saw.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> satisfied, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (satisfied(last)) return last;
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(50); // poll interval of a named condition, not a synchronisation sleep
        }
        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0.#} s; last seen: {last}");
    }
}
