using FluentAssertions;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;
using Xunit;

namespace Pipeline.Core.Tests;

public sealed class RetryBackoffTests
{
    [Fact]
    public void The_ceiling_doubles_per_failure_up_to_the_maximum()
    {
        Enumerable.Range(1, 8).Select(n => RetryBackoff.Ceiling(n, 100, 5_000).TotalMilliseconds)
            .Should().Equal(100, 200, 400, 800, 1600, 3200, 5000, 5000);
    }

    [Fact]
    public void Delays_are_jittered_within_half_and_all_of_the_ceiling_and_never_shrink()
    {
        var random = new Random(42);
        var previousLongest = TimeSpan.Zero;
        for (var failure = 1; failure <= 5; failure++)
        {
            var ceiling = RetryBackoff.Ceiling(failure, 1000, 60_000);
            var samples = Enumerable.Range(0, 400).Select(_ => RetryBackoff.Delay(failure, 1000, 60_000, null, random)).ToList();
            samples.Should().OnlyContain(d => d >= ceiling / 2 && d <= ceiling);
            samples.Distinct().Should().HaveCountGreaterThan(300, "jitter spreads the retries");
            samples.Min().Should().BeGreaterThanOrEqualTo(previousLongest, "a later failure never waits less than an earlier one");
            previousLongest = samples.Max();
        }
    }

    [Fact]
    public void Retry_after_wins_when_longer_and_backoff_when_longer()
    {
        var random = new Random(1);
        RetryBackoff.Delay(1, 100, 1000, TimeSpan.FromSeconds(7), random).Should().Be(TimeSpan.FromSeconds(7));
        RetryBackoff.Delay(1, 100, 1000, TimeSpan.Zero, random).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50))
            .And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Retry_after_headers_are_read_in_milliseconds_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        RetryAfterHeader.Parse("1500", "9", now).Should().Be(TimeSpan.FromMilliseconds(1500));
        RetryAfterHeader.Parse(null, "3", now).Should().Be(TimeSpan.FromSeconds(3));
        RetryAfterHeader.Parse(null, "Thu, 01 Jan 2026 12:00:20 GMT", now).Should().Be(TimeSpan.FromSeconds(20));
        RetryAfterHeader.Parse(null, null, now).Should().BeNull();
    }
}
