using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Acceptance.Gate.Cli;
using Acceptance.Gate.Running;
using FluentAssertions;
using Npgsql;

namespace Acceptance.Gate.Tests;

/// <summary>
/// The contract probe (scripts/gate.sh --check-contract, and the check before any scenario of an external run)
/// against real pipelines: the reference pipeline passes it; the same pipeline with a column renamed in its
/// database and a route gone behind a proxy is refused with both named, exit 3 and no scenario started; and
/// external settings without a token key stop the gate at once with one message.
/// </summary>
public sealed class ContractProbeTests : IDisposable
{
    private static readonly string RepositoryRoot = TestMachine.RepositoryRoot;

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("contract-probe-pipeline-").FullName;
    private readonly string _reports = Directory.CreateTempSubdirectory("contract-probe-reports-").FullName;

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_reference_pipeline_meets_the_contract_and_the_probe_reports_its_time()
    {
        var probe = await GateAsync(new Dictionary<string, string> { ["ACCEPTANCE__TARGET"] = "local" }, "--check-contract", "--target", "local");

        probe.Exit.Should().Be(ExitCodes.Ready, "{0}", probe.Output);
        probe.Output.Should().MatchRegex(@"Contract probe · target local · \d+ items in \d+\.\d s")
            .And.MatchRegex(@"route GET /api/v1/jobs/\{jobId\} +present")
            .And.MatchRegex(@"table upload_pipeline\.upload_jobs +present")
            .And.MatchRegex(@"series on base-worker.s /metrics .* +present")
            .And.MatchRegex(@"Probe time \d+\.\d s")
            .And.NotMatchRegex(@"\b(missing|wrong)\b");
        File.ReadAllText(Path.Combine(_reports, "contract-probe.md")).Should().Contain("| route POST /api/v1/documents | present |");
    }

    [Fact]
    public async Task A_renamed_column_and_a_missing_route_are_both_named_and_no_scenario_starts()
    {
        var up = await PipelineScriptAsync("up");
        up.Exit.Should().Be(0, "{0}", up.Output);
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "state.json"), Cancelled));
        var root = state.RootElement;
        var database = root.GetProperty("databaseConnectionString").GetString()!;
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Cancelled);
            await new NpgsqlCommand("ALTER TABLE upload_pipeline.document_chunks RENAME COLUMN token_count TO tokens", connection).ExecuteNonQueryAsync(Cancelled);
        }
        using var proxy = new RouteHidingProxy(new Uri(root.GetProperty("apiUrl").GetString()!),
            (method, path) => method == "POST" && Regex.IsMatch(path, "^/api/v1/operator/jobs/[^/]+/requeue$"));
        var tokens = root.GetProperty("tokens");
        var external = new Dictionary<string, string>
        {
            ["ACCEPTANCE__TARGET"] = "external",
            ["ACCEPTANCE__EXTERNAL__APIURL"] = proxy.Url.ToString(),
            ["ACCEPTANCE__EXTERNAL__DATABASECONNECTIONSTRING"] = database,
            ["ACCEPTANCE__EXTERNAL__JWTSIGNINGKEY"] = tokens.GetProperty("signingKey").GetString()!,
            ["ACCEPTANCE__EXTERNAL__JWTISSUER"] = tokens.GetProperty("issuer").GetString()!,
            ["ACCEPTANCE__EXTERNAL__JWTAUDIENCE"] = tokens.GetProperty("audience").GetString()!,
        };

        var probe = await GateAsync(external, "--check-contract", "--target", "external");

        probe.Exit.Should().Be(ExitCodes.BadConfiguration, "{0}", probe.Output);
        probe.Output.Should().MatchRegex(@"column upload_pipeline\.document_chunks\.token_count +missing +add column token_count to upload_pipeline\.document_chunks")
            .And.MatchRegex(@"route POST /api/v1/operator/jobs/\{jobId\}/requeue +missing +add the route \(answered 404 without a token: must be 401")
            .And.MatchRegex(@"route GET /api/v1/jobs/\{jobId\} +present")
            .And.MatchRegex(@"service logs +not given +the target gives no way to read its service logs: criteria 4\.5-logging-debugging")
            .And.Contain("2 item(s) missing or wrong").And.Contain("No scenario was started");

        // The same pipeline in a scenario run: the probe comes first and the run stops there.
        var run = await GateAsync(external, "--target", "external", "--tags", "smoke");

        run.Exit.Should().Be(ExitCodes.BadConfiguration, "{0}", run.Output);
        run.Output.Should().Contain("column upload_pipeline.document_chunks.token_count").And.Contain("No scenario was started")
            .And.NotContain("Running ", "no scenario may start").And.NotContain("FAIL");
        File.Exists(Path.Combine(_reports, SuiteLaunch.ResultsXml)).Should().BeFalse("the suite never ran a scenario");
    }

    [Fact]
    public async Task External_settings_without_the_token_key_stop_the_gate_with_one_message_before_any_scenario()
    {
        var clock = Stopwatch.StartNew();
        var run = await GateAsync(new Dictionary<string, string>
        {
            ["ACCEPTANCE__TARGET"] = "external",
            ["ACCEPTANCE__EXTERNAL__APIURL"] = "http://127.0.0.1:9/",
            ["ACCEPTANCE__EXTERNAL__DATABASECONNECTIONSTRING"] = "Host=127.0.0.1;Port=9;Username=reader",
        }, "--target", "external", "--tags", "smoke");

        run.Exit.Should().Be(ExitCodes.BadConfiguration, "{0}", run.Output);
        run.Output.Should().Contain("bad configuration").And.Contain("JwtSigningKey")
            .And.NotContain("Running ").And.NotContain("FAIL");
        Regex.Matches(run.Output, "bad configuration").Should().HaveCount(1, "one message: {0}", run.Output);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(45), "settings are checked before anything starts");
    }

    private async Task<(int Exit, string Output)> GateAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Acceptance.Gate.dll"), .. arguments, "--reports", _reports])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ACCEPTANCE__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var gate = Process.Start(start)!;
        var output = gate.StandardOutput.ReadToEndAsync(Cancelled);
        var errors = gate.StandardError.ReadToEndAsync(Cancelled);
        await gate.WaitForExitAsync(Cancelled);
        return (gate.ExitCode, await output + await errors);
    }

    private async Task<(int Exit, string Output)> PipelineScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "scripts", "pipeline.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.Environment["PIPELINE_STATE_DIR"] = _stateDirectory;
        start.Environment["PIPELINE_SKIP_BUILD"] = "1"; // this project's build already built the host
        start.Environment["PIPELINE_START_TIMEOUT_SECONDS"] = "600"; // a shared test machine may be starved
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancelled);
        var errors = process.StandardError.ReadToEndAsync(Cancelled);
        await process.WaitForExitAsync(Cancelled);
        return (process.ExitCode, await output + await errors);
    }

    public void Dispose()
    {
        // A failed assertion must not leave a pipeline running.
        if (File.Exists(Path.Combine(_stateDirectory, "host.pid")))
            PipelineScriptAsync("down").GetAwaiter().GetResult();
        Directory.Delete(_stateDirectory, recursive: true);
        Directory.Delete(_reports, recursive: true);
    }
}
