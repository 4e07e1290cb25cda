using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;

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

    private static string SuiteAssembly => typeof(ComposeSuiteRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AcceptanceSuite").Value!;

    /// <summary>
    /// Runs the scenarios whose names contain any of <paramref name="scenarios"/>, with
    /// <paramref name="composeSettings"/> added to the environment docker-compose.yml is read in.
    /// </summary>
    public static async Task<ComposeRunResult> RunAsync(IEnumerable<string> scenarios, IReadOnlyDictionary<string, string> composeSettings)
    {
        var folder = Directory.CreateTempSubdirectory("compose-target-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SuiteAssembly);
        foreach (var argument in new[] { "-noColor", "-noLogo", "-xml", Path.Combine(folder, "results.xml") })
            start.ArgumentList.Add(argument);
        foreach (var scenario in scenarios)
        {
            start.ArgumentList.Add("-displayName");
            start.ArgumentList.Add($"*{scenario}*");
        }
        start.Environment["ACCEPTANCE__TARGET"] = "compose";
        start.Environment["REQNROLL_REPORTS_DIR"] = Path.Combine(folder, "reports");
        start.Environment["REQNROLL_FORMATTERS_DISABLED"] = "true";
        foreach (var (name, value) in Ports.Concat(await ComposeImages.ReadyAsync()).Concat(composeSettings))
            start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The suite did not finish within {Timeout} against the compose target (reports: {folder}).\n{await output}");
        }
        var results = Path.Combine(folder, "results.xml");
        var environment = Path.Combine(folder, "reports", "environment.json");
        return new ComposeRunResult(
            File.Exists(results)
                ? XDocument.Load(results).Descendants("test").ToDictionary(t => (string)t.Attribute("name")!, t => (string)t.Attribute("result")!)
                : new Dictionary<string, string>(),
            File.Exists(environment) ? await File.ReadAllTextAsync(environment) : "(no environment.json)",
            $"{await output}\n{await errors}",
            folder,
            clock.Elapsed);
    }
}

/// <summary>Each scenario's xUnit result, the suite's environment.json, its console output, its report folder, and how long it took.</summary>
public sealed record ComposeRunResult(
    IReadOnlyDictionary<string, string> Results, string Environment, string Output, string Folder, TimeSpan Took)
{
    public override string ToString() =>
        $"results: {string.Join(", ", Results.Select(r => $"{r.Key} = {r.Value}"))}\nenvironment.json: {Environment}\nreports: {Folder}\n{Output}";
}
