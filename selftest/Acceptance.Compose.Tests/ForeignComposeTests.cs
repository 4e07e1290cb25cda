using FluentAssertions;
using Xunit;

namespace Acceptance.Compose.Tests;

/// <summary>
/// The gate run on a team's own compose file (foreign-compose.yml: the reference pipeline's images under other service
/// names, ports, credentials and token key) with nothing but the service map and the credentials the suite must know.
/// </summary>
public sealed class ForeignComposeTests(ITestOutputHelper output)
{
    /// <summary>
    /// The criteria whose scenarios use every part the service map feeds: the api and a worker killed, stopped, paused
    /// and restarted (4.2-worker-restarts), the database stopped (4.2-database-recovery), parser faults
    /// (4.2-llamaparse-failures), service logs (4.5-logging-debugging), each container's /metrics (4.3-resources), and
    /// the smoke path (4.1-stages-seamless). The local target verifies each of them without provider keys.
    /// </summary>
    private static readonly string[] VerifiedLocally =
        ["4.1-stages-seamless", "4.2-worker-restarts", "4.2-database-recovery", "4.2-llamaparse-failures", "4.5-logging-debugging", "4.3-resources"];

    /// <summary>Need the real providers' keys: not verified on the local target either.</summary>
    private static readonly string[] RealApi = ["4.4-real-llamaparse", "4.4-real-openai", "4.4-real-vs-mock"];

    private static string ForeignFile => Path.Combine(ComposeImages.RepositoryRoot, "selftest", "Acceptance.Compose.Tests", "foreign-compose.yml");

    /// <summary>What foreign-compose.yml's services are, and the credentials it gives them; nothing else about it is told.</summary>
    private static Dictionary<string, string> ServiceMap() => new()
    {
        // A project of its own, so a developer's document-pipeline stack is left alone.
        ["ACCEPTANCE__COMPOSE__PROJECTNAME"] = "foreign-pipeline",
        ["ACCEPTANCE__COMPOSE__SERVICES__API"] = "gateway",
        ["ACCEPTANCE__COMPOSE__SERVICES__WORKERS__0"] = "ingest-worker:9464",
        ["ACCEPTANCE__COMPOSE__SERVICES__WORKERS__1"] = "embed-worker:9464",
        ["ACCEPTANCE__COMPOSE__SERVICES__DATABASE"] = "ledger-db:5432",
        ["ACCEPTANCE__COMPOSE__SERVICES__PARSER"] = "fake-parser",
        ["ACCEPTANCE__COMPOSE__SERVICES__EMBEDDINGS"] = "fake-embeddings",
        ["ACCEPTANCE__COMPOSE__DATABASEUSER"] = "claims",
        ["ACCEPTANCE__COMPOSE__DATABASENAME"] = "claims",
        ["ACCEPTANCE__COMPOSE__POSTGRESPASSWORD"] = "claims-test-only",
        ["ACCEPTANCE__COMPOSE__JWTSIGNINGKEY"] = "foreign-test-signing-key-not-a-secret-0002",
        ["ACCEPTANCE__COMPOSE__JWTISSUER"] = "claims-tests",
        ["ACCEPTANCE__COMPOSE__JWTAUDIENCE"] = "claims-api",
    };

    [Fact]
    public async Task The_gate_on_a_foreign_compose_file_with_a_service_map_gives_the_local_targets_verdicts()
    {
        await SkipWithoutDockerAsync();

        var run = await ComposeGateRun.RunAsync([ForeignFile], [.. VerifiedLocally.Concat(RealApi).Select(c => $"criterion:{c}")], ServiceMap());
        output.WriteLine($"gate on foreign-compose.yml ({VerifiedLocally.Length + RealApi.Length} criteria) took {run.Took.TotalSeconds:0} s");
        output.WriteLine(run.ToString());

        run.Verdicts.Should().NotBeEmpty($"the gate must have judged the run\n{run}");
        // A machine too starved to judge speed gets "not judged" (the gate's exit 4): neither verdict, so the test says so instead.
        var notJudged = VerifiedLocally.Where(c => run.Verdicts.GetValueOrDefault(c) == "notJudged").ToList();
        foreach (var criterion in VerifiedLocally.Except(notJudged))
            run.Verdicts.Should().Contain(criterion, "verified", $"the local target verifies {criterion}\n{run}");
        foreach (var criterion in RealApi)
            run.Verdicts.Should().Contain(criterion, "notVerified", $"{criterion} needs the real provider's key, as on the local target\n{run}");
        if (notJudged.Count > 0)
            Assert.Skip($"Every other criterion read as on the local target, but this machine was too starved to judge the speed of " +
                        $"{string.Join(", ", notJudged)} (the gate's NOT JUDGED); run again on a quieter machine. Reports: {run.Folder}");
    }

    [Theory]
    [InlineData("ACCEPTANCE__COMPOSE__SERVICES__API", "gatewy", "names 'gatewy', which is no service of foreign-compose.yml")]
    [InlineData("ACCEPTANCE__COMPOSE__SERVICES__WORKERS__1", "embed-workr:9464", "names 'embed-workr', which is no service of foreign-compose.yml")]
    [InlineData("ACCEPTANCE__COMPOSE__SERVICES__PARSER", "", "Parser and Acceptance:Compose:Services:Embeddings come together")]
    [InlineData("ACCEPTANCE__COMPOSE__SERVICES__DATABASE", "ledger-db:port", "Database is 'ledger-db:port'; give a compose service as 'service' or 'service:port'")]
    public async Task A_service_map_that_does_not_fit_the_file_stops_the_gate_with_one_message_before_any_scenario(
        string setting, string value, string message)
    {
        await SkipWithoutDockerAsync();
        var map = ServiceMap();
        map[setting] = value;

        var run = await ComposeGateRun.RunAsync([ForeignFile], ["smoke"], map);

        run.ExitCode.Should().Be(3, $"a wrong service map is a bad configuration\n{run}");
        run.Output.Should().Contain("bad configuration").And.Contain(message, $"the one message names the setting and what is wrong\n{run}");
        run.Output.Should().NotContain("scenario(s) run", $"no scenario may start\n{run}");
        run.Verdicts.Should().BeEmpty($"a run refused before it starts has no verdicts\n{run}");
    }

    private static async Task SkipWithoutDockerAsync()
    {
        if (await DockerEngine.UnavailableBecauseAsync() is { } reason)
            Assert.Skip($"The compose target needs a Docker engine and {reason}.");
    }
}
