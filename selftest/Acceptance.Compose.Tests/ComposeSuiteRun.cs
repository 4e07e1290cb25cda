using Acceptance.Selftest;

namespace Acceptance.Compose.Tests;

/// <summary>
/// Runs selected scenarios of the acceptance suite in a child process against the compose target:
/// the suite builds and starts docker-compose.yml itself, and takes it down (down -v) at the end.
/// </summary>
public static class ComposeSuiteRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    // Published ports away from the compose file's defaults (8080…), which a developer's own stack may hold.
    private static readonly Dictionary<string, string> Ports = new()
    {
        ["ACCEPTANCE__COMPOSE__APIPORT"] = "18080",
        ["ACCEPTANCE__COMPOSE__MOCKLLAMAPARSEPORT"] = "18081",
        ["ACCEPTANCE__COMPOSE__MOCKOPENAIPORT"] = "18082",
        ["ACCEPTANCE__COMPOSE__POSTGRESPORT"] = "15432",
    };

    /// <summary>
    /// Runs the scenarios whose names contain any of <paramref name="scenarios"/>, with
    /// <paramref name="composeSettings"/> added to the environment docker-compose.yml is read in.
    /// </summary>
    public static async Task<ComposeRunResult> RunAsync(IEnumerable<string> scenarios, IReadOnlyDictionary<string, string> composeSettings)
    {
        IEnumerable<KeyValuePair<string, string>> environment = [new("ACCEPTANCE__TARGET", "compose"), .. Ports, .. await ComposeImages.ReadyAsync(), .. composeSettings];
        var run = await ChildSuiteRun.RunAsync("compose-target-", scenarios, environment, Timeout);
        return new ComposeRunResult(run.Results, run.EnvironmentJson ?? "(no environment.json)", run.Output, run.Folder, run.Took);
    }
}

/// <summary>Each scenario's xUnit result, the suite's environment.json, its console output, its report folder, and how long it took.</summary>
public sealed record ComposeRunResult(
    IReadOnlyDictionary<string, string> Results, string Environment, string Output, string Folder, TimeSpan Took)
{
    public override string ToString() =>
        $"results: {string.Join(", ", Results.Select(r => $"{r.Key} = {r.Value}"))}\nenvironment.json: {Environment}\nreports: {Folder}\n{Output}";
}
