using System.Diagnostics;
using FluentAssertions;
using Pipeline.Core.Providers;
using Xunit;

namespace Pipeline.Core.Tests;

/// <summary>
/// What a 429 says about when to try again, as OpenAI sends it: often no Retry-After, but the
/// x-ratelimit-remaining-requests: 0 and x-ratelimit-reset-requests of the limit it hit
/// (platform.openai.com/docs/guides/rate-limits, "Rate limits in headers").
/// </summary>
public sealed class ProviderThrottleTests
{
    private static RateLimitSignal RefusedWith(params (string Name, string Value)[] headers) =>
        RateLimitSignal.From(429, name => headers.FirstOrDefault(h => h.Name == name).Value);

    [Fact]
    public void A_429_without_retry_after_still_states_the_reset_of_the_limit_it_used_up()
    {
        var signal = RefusedWith(("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "1.5s"),
            ("x-ratelimit-remaining-tokens", "9000"), ("x-ratelimit-reset-tokens", "6m0s"));

        signal.RetryAfter.Should().BeNull();
        signal.ExhaustedUntilReset.Should().Be(TimeSpan.FromSeconds(1.5), "the token limit is not used up, so its reset does not count");
    }

    [Fact]
    public async Task After_a_429_with_retry_after_ms_the_next_call_waits_that_long_not_a_short_backoff()
    {
        // OpenAI's own client reads retry-after-ms before retry-after; the milliseconds header wins.
        var signal = RefusedWith(("retry-after-ms", "700"), ("retry-after", "0"));
        var throttle = new ProviderThrottle(maxConcurrency: 2, backoffBaseMs: 1, backoffMaxMs: 1);
        throttle.Observe(signal);
        var clock = Stopwatch.StartNew();

        var sentAfter = await throttle.RunAsync(_ => Task.FromResult(clock.Elapsed), TestContext.Current.CancellationToken);

        signal.RetryAfter.Should().Be(TimeSpan.FromMilliseconds(700));
        sentAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(650), "the provider asked for 700 ms; a backoff of 1 ms ignores it");
    }

    [Fact]
    public void A_429_that_says_nothing_states_no_wait()
    {
        RefusedWith().ExhaustedUntilReset.Should().BeNull();
    }

    [Fact]
    public async Task After_a_429_without_retry_after_the_next_call_waits_for_the_stated_reset_not_a_short_backoff()
    {
        var throttle = new ProviderThrottle(maxConcurrency: 2, backoffBaseMs: 1, backoffMaxMs: 1);
        throttle.Observe(RefusedWith(("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "700ms")));
        var clock = Stopwatch.StartNew();

        var sentAfter = await throttle.RunAsync(_ => Task.FromResult(clock.Elapsed), TestContext.Current.CancellationToken);

        sentAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(650), "a backoff of 1 ms would have sent it into the used-up window");
    }

    [Fact]
    public async Task Without_honouring_the_stated_wait_the_throttle_falls_back_to_backoff()
    {
        var throttle = new ProviderThrottle(maxConcurrency: 2, backoffBaseMs: 1, backoffMaxMs: 1) { HonoursRetryAfter = false };
        throttle.Observe(RefusedWith(("retry-after", "30"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "30s")));
        using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var act = () => throttle.RunAsync(_ => Task.FromResult(true), waited.Token);

        await act.Should().NotThrowAsync("the ignore-retry-after defect replaces the provider's stated 30 s with a 1 ms backoff");
    }
}
