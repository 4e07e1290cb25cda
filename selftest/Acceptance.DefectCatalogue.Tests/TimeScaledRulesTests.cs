using Acceptance.Support.Monitoring;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The repository's alert rules compressed for a test (Support/Monitoring/TimeScaledRules), and the
/// durations the suite writes into Prometheus's and Alertmanager's configuration.
/// </summary>
public sealed class TimeScaledRulesTests
{
    [Theory]
    [InlineData(1000, "1000ms")]
    [InlineData(2585, "2585ms")] // a 1 s scrape interval stretched 2.585× for a starved machine: "2.585s" is refused
    [InlineData(60000, "60000ms")]
    public void Durations_are_written_in_whole_milliseconds_which_prometheus_reads(int milliseconds, string expected) =>
        TimeScaledRules.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);

    [Fact]
    public void For_durations_and_ranges_shrink_by_the_scale_but_never_below_their_floor()
    {
        const string rule = """
                  expr: rate(pipeline_provider_requests_total[10m]) > 0 and up[30s] == 1
                  for: 5m
            """;

        var scaled = TimeScaledRules.Scale(rule, 60);

        scaled.Should().Contain("rate(pipeline_provider_requests_total[10000ms])", "ten minutes at 60× are ten seconds")
            .And.Contain("up[5000ms]", "half a second is below the five-second floor")
            .And.Contain("for: 5000ms", "five minutes at 60× are five seconds")
            .And.Contain("> 0 and", "thresholds and operators stay as written");
    }
}
