using System.Diagnostics;
using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Waiting;

/// <summary>
/// The suite's only way to wait: poll a named probe until a condition holds (<see cref="UntilAsync"/>)
/// or prove it never holds for a period (<see cref="NeverAsync"/>). On failure the message says what
/// was awaited, for whom, and the last state seen — never a silent give-up, never a fixed sleep.
/// </summary>
public sealed class Waiter(SuiteOptions options, CpuCanary? canary = null, StatedLimits? statedLimits = null)
{
    /// <summary>A canary figure this fresh is current enough for the message of a wait that timed out.</summary>
    private static readonly TimeSpan CurrentEnough = TimeSpan.FromSeconds(5);

    private TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.Timeouts.PollMilliseconds);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> (the business limit) stretched by the run's time scale and starvation
    /// stretch (<see cref="StretchedLimit"/>). Within a Then that states the limit, what the wait took is recorded
    /// against it (<see cref="StatedLimits"/>). What times out throws <see cref="WaitTimedOutException"/>, which the
    /// gate recognises as a timeout.
    /// </summary>
    public async Task<T> UntilAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, Func<T, string> describe)
    {
        var limit = StretchedLimit.For(timeout, options.Timeouts);
        var clock = Stopwatch.StartNew();
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last))
            {
                statedLimits?.Record(what, limit, clock.Elapsed);
                return last;
            }
            if (clock.Elapsed >= limit.Limit)
                break;
            await Task.Delay(PollInterval);
        }
        var slowdownNow = canary is null ? "" : $" (CPU slowdown now {await canary.NowAsync(CurrentEnough):0.0}×)";
        throw new WaitTimedOutException($"{what} did not happen within {limit}{slowdownNow}; last seen {describe(last)}");
    }

    public async Task NeverAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> violation, TimeSpan during, Func<T, string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < during)
        {
            var seen = await probe();
            if (violation(seen))
                throw new UnwantedOutcomeException($"{what} happened after {clock.Elapsed.TotalSeconds:0.#} s: {describe(seen)}");
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

/// <summary>
/// A wait ran out of time: something did not happen within its (stretched) limit. The gate reads this
/// type's name from the run's messages: on a machine too starved to judge, such a failure is "not judged".
/// </summary>
public sealed class WaitTimedOutException(string message) : Exception(message);

/// <summary>Something that must never happen did: a wrong outcome, not a slow one, so it fails however starved the machine.</summary>
public sealed class UnwantedOutcomeException(string message) : Exception(message);
