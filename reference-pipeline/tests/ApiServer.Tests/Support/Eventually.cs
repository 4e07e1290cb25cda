namespace ApiServer.Tests.Support;

/// <summary>Waits for a named condition; on timeout fails with what it waited for and what it last saw.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(string waitingFor, Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var value = await probe();
                if (done(value)) return value;
                last = value?.ToString() ?? "null";
            }
            catch (Exception exception)
            {
                last = exception.Message;
            }
            await pace.WaitForNextTickAsync();
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {waitingFor}; last seen: {last}");
    }
}
