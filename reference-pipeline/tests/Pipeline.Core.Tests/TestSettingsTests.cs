using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Pipeline.Core.Defects;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

/// <summary>Test-only defects and stage delays: read from the environment, and only ever honoured in Testing.</summary>
public sealed class TestSettingsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    [InlineData(null)]
    public void Defects_and_stage_delays_are_ignored_outside_the_Testing_environment(string? environment)
    {
        PipelineDefects.Parse("skip-deduplication,no-owner-check", environment).Enabled.Should().BeEmpty();
        StageDelays.Parse("chunking=3000", environment).For(Stages.Chunking).Should().BeNull();
    }

    [Fact]
    public void In_Testing_the_named_defects_are_on_whatever_their_case_and_spacing()
    {
        var defects = PipelineDefects.Parse(" skip-deduplication , NO-OWNER-CHECK,forget-correlation-id", "Production", "Testing");

        defects.IsOn(PipelineDefects.SkipDeduplication).Should().BeTrue();
        defects.IsOn(PipelineDefects.NoOwnerCheck).Should().BeTrue();
        defects.IsOn(PipelineDefects.ForgetCorrelationId).Should().BeTrue();
        defects.IsOn(PipelineDefects.StallInChunking).Should().BeFalse();
    }

    [Fact]
    public void Every_defect_constant_is_known_by_its_distinct_name()
    {
        PipelineDefects.Known.Should().Contain(["skip-deduplication", "accept-encrypted-documents", "no-owner-check",
            "forget-correlation-id", "stall-in-chunking", "backup-skips-files"]);
        PipelineDefects.Known.Should().NotContain([PipelineDefects.EnvironmentVariable, PipelineDefects.TestingEnvironment],
            "the setting's name and its environment are no defects");
        PipelineDefects.Known.Should().OnlyHaveUniqueItems().And.OnlyContain(name => System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]+(-[a-z0-9]+)+$"),
            "a defect is named in PIPELINE_DEFECTS as lower-case words joined by hyphens");
    }

    [Fact]
    public void The_host_configuration_carries_the_settings_when_the_host_environment_is_Testing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PipelineDefects.EnvironmentVariable] = "stall-in-chunking",
            [StageDelays.EnvironmentVariable] = "parsing=3000,chunking=1500,embedding=0",
        }).Build();

        PipelineDefects.FromConfiguration(configuration, "Testing").IsOn(PipelineDefects.StallInChunking).Should().BeTrue();
        var delays = StageDelays.FromConfiguration(configuration, "Testing");
        delays.For(Stages.Parsing).Should().Be(TimeSpan.FromSeconds(3));
        delays.For(Stages.Chunking).Should().Be(TimeSpan.FromMilliseconds(1500));
        delays.For(Stages.Embedding).Should().BeNull("a zero delay is no delay");
        delays.For(Stages.Parsed).Should().BeNull();
        StageDelays.FromConfiguration(configuration, "Production").Should().BeSameAs(StageDelays.None);
    }

    [Theory]
    [InlineData("chunking")]
    [InlineData("chunking=3s")]
    [InlineData("chunking=-5")]
    [InlineData("parsed=3000")]
    [InlineData("Chunking=3000")]
    public void A_malformed_stage_delay_list_stops_the_process_in_Testing(string list)
    {
        var parse = () => StageDelays.Parse(list, "Testing");

        parse.Should().Throw<FormatException>().WithMessage("PIPELINE_STAGE_DELAYS*");
    }
}
