using Acceptance.Gate.Cli;
using Acceptance.Gate.Running;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>--compose-file hands the compose target the team's files, in order, as the suite's Acceptance:Compose:Files.</summary>
public sealed class ComposeFileOptionTests
{
    [Fact]
    public void Each_compose_file_reaches_the_suite_as_an_absolute_path_in_the_order_given()
    {
        var options = GateOptionsParser.Parse(["--target", "compose", "--compose-file", "compose.yml", "--compose-file", "ops/compose.test.yml"]);

        var environment = SuiteLaunch.Environment(options, "/tmp/run");

        environment.Should().Contain("ACCEPTANCE__COMPOSE__FILES__0", Path.GetFullPath("compose.yml"))
            .And.Contain("ACCEPTANCE__COMPOSE__FILES__1", Path.GetFullPath("ops/compose.test.yml"));
    }

    [Fact]
    public void Without_compose_files_the_suite_keeps_the_repositorys_file()
    {
        var environment = SuiteLaunch.Environment(GateOptionsParser.Parse(["--target", "compose"]), "/tmp/run");

        environment.Keys.Should().NotContain(k => k.StartsWith("ACCEPTANCE__COMPOSE__FILES", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("external")]
    public void A_compose_file_for_another_target_is_a_bad_configuration(string target)
    {
        var parse = () => GateOptionsParser.Parse(["--target", target, "--compose-file", "compose.yml"]);

        parse.Should().Throw<GateUsageException>().WithMessage($"*needs --target compose, not '{target}'*");
    }
}
