using FluentAssertions;
using Xunit;

namespace Acceptance.Compose.Tests;

/// <summary>
/// The compose target run for real, in one class so the runs take turns on the one compose project.
/// Each run starts the pipeline's containers from scratch and removes them (down -v) at its end.
/// </summary>
public sealed class ComposeTargetTests(ITestOutputHelper output)
{
    private const string Smoke = "An insurance policy passes through every stage in order";
    private const string WorkerKilled = "A worker killed while embedding is replaced without changing the result";
    private const string DatabaseOutage = "Documents in flight are finished after the database returns";

    [Fact]
    public async Task The_smoke_scenario_and_disruptive_ones_pass_against_the_compose_target()
    {
        await SkipWithoutDockerAsync();

        var run = await ComposeSuiteRun.RunAsync([Smoke, WorkerKilled, DatabaseOutage], new Dictionary<string, string>());
        output.WriteLine($"compose run of 3 scenarios took {run.Took.TotalSeconds:0} s");

        run.Environment.Should().Contain("\"target\": \"compose\"", $"the suite must have run against the compose target\n{run}");
        run.Results.Should().HaveCount(3, $"each scenario must have run once\n{run}");
        run.Results.Should().OnlyContain(r => r.Value == "Pass", $"against healthy containers every scenario passes\n{run}");
    }

    [Fact]
    public async Task The_smoke_scenario_fails_when_a_container_is_broken_on_purpose()
    {
        await SkipWithoutDockerAsync();

        // The workers ask for vectors longer than their model gives (a model the worker does not know
        // would stop it at start instead): every container starts and reports healthy, yet OpenAI
        // refuses every embedding request, so no document can be embedded.
        var run = await ComposeSuiteRun.RunAsync([Smoke], new Dictionary<string, string> { ["OPENAI_DIMENSIONS"] = "4096" });
        output.WriteLine($"compose run with a broken worker took {run.Took.TotalSeconds:0} s");

        run.Environment.Should().Contain("\"status\": \"ready\"", $"the broken containers still start\n{run}");
        run.Results.Should().ContainSingle($"the smoke scenario must have run\n{run}")
            .Which.Value.Should().Be("Fail", $"a pipeline that cannot embed must fail the smoke scenario\n{run}");
    }

    private static async Task SkipWithoutDockerAsync()
    {
        if (await DockerEngine.UnavailableBecauseAsync() is { } reason)
            Assert.Skip($"The compose target needs a Docker engine and {reason}.");
    }
}
