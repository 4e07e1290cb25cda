using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Acceptance.Support.Waiting;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The local target's compressed times on a starved machine (Support/Environment/StarvedMachineTimings):
/// kept exactly on a quiet or merely busy machine, stretched by the slowdown measured at start on a starved
/// one (capped like the waits), with the alert rules compressed that much less.
/// </summary>
public sealed class StarvedMachineTimingsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(1.0)]
    [InlineData(1.9)]
    public void A_quiet_or_busy_machine_keeps_the_compressed_times(double? slowdownAtStart)
    {
        var options = new SuiteOptions();

        StarvedMachineTimings.Apply(options, slowdownAtStart).Factor.Should().Be(1.0);

        options.Timeouts.EnvironmentStartSeconds.Should().Be(120);
        options.Local.LeaseSeconds.Should().Be(5);
        options.Local.RetryWindowSeconds.Should().Be(20);
        options.Local.ShutdownDeadlineSeconds.Should().Be(10);
        options.Monitoring.ScrapeIntervalMilliseconds.Should().Be(1000);
        options.Monitoring.TimeScale.Should().Be(60);
        options.Timeouts.StarvationStretch.Should().Be(1.0, "waits keep the business limit on a quiet machine");
    }

    [Fact]
    public void A_starved_machine_stretches_start_leases_retry_window_deadline_and_scrapes_and_compresses_the_rules_less()
    {
        var options = new SuiteOptions();

        StarvedMachineTimings.Apply(options, 7.5).Factor.Should().Be(7.5);

        options.Timeouts.EnvironmentStartSeconds.Should().Be(900);
        options.Local.LeaseSeconds.Should().Be(38);
        options.Local.RetryWindowSeconds.Should().Be(150);
        options.Local.ShutdownDeadlineSeconds.Should().Be(75);
        options.Monitoring.ScrapeIntervalMilliseconds.Should().Be(7500);
        options.Monitoring.TimeScale.Should().Be(8);
        options.Timeouts.StarvationStretch.Should().Be(7.5, "a takeover cannot come before a lease stretched 7.5× has lapsed");
    }

    [Theory]
    [InlineData(3.3, 3.33)] // rules compressed 18 times instead of 60
    [InlineData(5.0, 5.0)]
    [InlineData(7.0, 7.5)] // a whole-number compression of 8: every other time follows it, not the 7× measured
    public void Every_time_of_a_starved_run_is_stretched_by_one_factor(double slowdownAtStart, double factor)
    {
        var options = new SuiteOptions();

        StarvedMachineTimings.Apply(options, slowdownAtStart).Factor.Should().Be(factor);

        var exact = 60.0 / options.Monitoring.TimeScale;
        exact.Should().BeApproximately(factor, 0.005, "the alert rules are compressed exactly that factor less");
        options.Timeouts.StarvationStretch.Should().Be(exact, "every wait is stretched by the rules' factor");
        options.Local.LeaseSeconds.Should().Be((int)Math.Ceiling(5 * exact));
        options.Monitoring.ScrapeIntervalMilliseconds.Should().Be((int)Math.Ceiling(1000 * exact));
        StretchedLimit.For(TimeSpan.FromSeconds(45), options.Timeouts).Limit.TotalSeconds.Should().BeApproximately(45 * exact, 0.001);
    }

    [Fact]
    public void The_stretch_is_capped_like_the_waits_and_switched_off_with_them()
    {
        var capped = new SuiteOptions();
        StarvedMachineTimings.Apply(capped, 80).Factor.Should().Be(20);
        capped.Local.LeaseSeconds.Should().Be(100);
        capped.Monitoring.TimeScale.Should().Be(3);

        var off = new SuiteOptions { Timeouts = { MaxStarvationStretch = 1 } };
        StarvedMachineTimings.Apply(off, 80).Factor.Should().Be(1.0);
        off.Local.LeaseSeconds.Should().Be(5);
    }
}
