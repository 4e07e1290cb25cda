using Acceptance.Support.Waiting;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// A functional wait's limit on a starved machine (Support/Waiting/StretchedLimit): the business limit
/// × time scale × the CPU canary's slowdown, never shorter than the business limit, never beyond the cap,
/// and a timeout message that says how the limit came about.
/// </summary>
public sealed class StretchedLimitTests
{
    private static readonly TimeSpan Business = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(0.7, 1.0)]     // a canary faster than its idle figure never shortens the business limit
    [InlineData(1.0, 1.0)]
    [InlineData(7.5, 7.5)]
    [InlineData(35.0, 20.0)]   // capped: a wait stays bounded however starved the machine
    [InlineData(double.NaN, 1.0)]
    public void The_slowdown_a_wait_is_stretched_by_is_clamped_to_one_and_the_cap(double measured, double expected) =>
        StretchedLimit.Clamp(measured, max: 20).Should().Be(expected);

    [Fact]
    public void A_cap_of_one_switches_stretching_off() =>
        StretchedLimit.Clamp(12.0, max: 1).Should().Be(1.0);

    [Fact]
    public void The_limit_is_the_business_limit_times_the_time_scale_times_the_slowdown_and_says_so()
    {
        var limit = new StretchedLimit(Business, TimeScale: 2, Slowdown: 7.5);

        limit.Limit.Should().Be(TimeSpan.FromSeconds(900));
        limit.ToString().Should().Be("900 s (business limit 60 s × time scale 2 × the run's starvation stretch 7.5×)");
    }

    [Fact]
    public void A_wait_is_stretched_by_the_runs_one_factor_and_by_nothing_else()
    {
        var timeouts = new Acceptance.Support.Configuration.TimeoutOptions { TimeScale = 1, StarvationStretch = 3.33 };

        StretchedLimit.For(TimeSpan.FromSeconds(45), timeouts).Limit.Should().BeCloseTo(TimeSpan.FromSeconds(149.85), TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData("the operators are alerted within 45 seconds that the parser is down", 45, true)]
    [InlineData("the backlog drains within 2 minutes after the arrivals stop", 120, true)]
    [InlineData("the backlog drains within 2 minutes after the arrivals stop", 60, false)] // a wait of its own, not the stated limit
    [InlineData("no alert fired and no operator was notified", 90, false)]
    public void A_steps_wording_states_a_limit_only_when_it_names_that_duration(string step, int seconds, bool stated) =>
        new StretchedLimit(TimeSpan.FromSeconds(seconds), 1, 1).IsStatedIn(step).Should().Be(stated);

    [Fact]
    public void A_quiet_machine_keeps_the_business_limit() =>
        new StretchedLimit(Business, 1, StretchedLimit.Clamp(1.1, 20)).Limit.Should().BeCloseTo(TimeSpan.FromSeconds(66), TimeSpan.FromMilliseconds(1));
}
