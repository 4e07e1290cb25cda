using System.Diagnostics;
using Acceptance.Support.Configuration;

namespace Acceptance.Support.Waiting;

/// <summary>
/// The suite's only way to wait: poll a named probe until a condition holds (<see cref="UntilAsync"/>)
/// or prove it never holds for a period (<see cref="NeverAsync"/>). On failure the message says what
/// was awaited, for whom, and the last state seen — never a silent give-up, never a fixed sleep.
/// </summary>
public sealed class Waiter(SuiteOptions options)
{
    private TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.Timeouts.PollMilliseconds);

    /// <summary>Waits up to <paramref name="timeout"/> times the run's time scale (Acceptance:Timeouts:TimeScale, for slow machines).</summary>
    public async Task<T> UntilAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, Func<T, string> describe)
    {
        timeout *= options.Timeouts.TimeScale;
        var clock = Stopwatch.StartNew();
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last))
                return last;
            if (clock.Elapsed >= timeout)
                break;
            await Task.Delay(PollInterval);
        }
        throw new WaitTimedOutException($"{what} did not happen within {timeout.TotalSeconds:0.#} s; last seen {describe(last)}");
    }

    public async Task NeverAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> violation, TimeSpan during, Func<T, string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < during)
        {
            var seen = await probe();
            if (violation(seen))
                throw new WaitTimedOutException($"{what} happened after {clock.Elapsed.TotalSeconds:0.#} s: {describe(seen)}");
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Keeps a fault in place for exactly <paramref name="during"/> (the scenario's input, not a guess
    /// at how long something takes), observing the system at every poll meanwhile.
    /// </summary>
    public async Task ObserveForAsync(TimeSpan during, Func<Task> observe)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < during)
        {
            await observe();
            await Task.Delay(PollInterval);
        }
    }
}

public sealed class WaitTimedOutException(string message) : Exception(message);
