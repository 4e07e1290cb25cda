namespace Mocks.Tests.Support;

/// <summary>Waits for a named condition; on timeout fails with what it waited for and what it last saw.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static async Task<T> ReturnsAsync<T>(string condition, Func<Task<T>> probe, Func<T, bool> satisfied, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var seen = await probe();
            if (satisfied(seen))
            {
                return seen;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{condition} did not happen within {timeout ?? TimeSpan.FromSeconds(10)}; last seen: {seen}");
            }

            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }
}
