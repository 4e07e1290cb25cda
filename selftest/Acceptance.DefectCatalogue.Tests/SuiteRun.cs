using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>Runs selected scenarios of the acceptance suite in a child process, on a fresh local environment.</summary>
public static class SuiteRun
{
    // A guard against a hung child run on a starved machine, not a speed limit.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static string SuiteAssembly => typeof(SuiteRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AcceptanceSuite").Value!;

    /// <summary>The display name of every scenario, as the suite's own discovery lists them (no environment starts).</summary>
    public static async Task<IReadOnlyList<string>> ScenarioNamesAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { SuiteAssembly, "-noColor", "-noLogo", "-list", "tests" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var names = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" › ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Runs the scenarios whose names contain any of <paramref name="scenarios"/>; returns each one's xUnit result.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RunAsync(IEnumerable<string> scenarios, string? defects) =>
        (await RunTimedAsync(scenarios, defects)).Results;

    /// <summary>As <see cref="RunAsync"/>, with where the time went: the whole child run and its environment's start.</summary>
    public static async Task<SuiteRunResult> RunTimedAsync(IEnumerable<string> scenarios, string? defects)
    {
        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("defect-catalogue-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(SuiteAssembly);
            foreach (var argument in new[] { "-noColor", "-noLogo", "-xml", Path.Combine(folder, "results.xml") })
                start.ArgumentList.Add(argument);
            foreach (var scenario in scenarios)
            {
                start.ArgumentList.Add("-displayName");
                start.ArgumentList.Add($"*{scenario}*");
            }
            start.Environment["REQNROLL_REPORTS_DIR"] = Path.Combine(folder, "reports");
            start.Environment["REQNROLL_FORMATTERS_DISABLED"] = "true";
            start.Environment["ACCEPTANCE__LOCAL__DEFECTS"] = defects ?? "";

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
                throw new TimeoutException($"The suite did not finish within {Timeout} (defects: {defects ?? "none"}).\n{await output}");
            }
            var results = Path.Combine(folder, "results.xml");
            if (!File.Exists(results))
                throw new InvalidOperationException($"The suite wrote no results (exit {process.ExitCode}).\n{await output}\n{await errors}");
            var outcomes = XDocument.Load(results).Descendants("test")
                .ToDictionary(t => (string)t.Attribute("name")!, t => (string)t.Attribute("result")!);
            return new SuiteRunResult(outcomes, clock.Elapsed, EnvironmentStart(Path.Combine(folder, "reports", "environment.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The environment's start time as the suite recorded it (environment.json), when it did.</summary>
    private static TimeSpan? EnvironmentStart(string environmentJson)
    {
        if (!File.Exists(environmentJson)) return null;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(environmentJson));
        return json.RootElement.TryGetProperty("startupSeconds", out var seconds) && seconds.ValueKind == System.Text.Json.JsonValueKind.Number
            ? TimeSpan.FromSeconds(seconds.GetDouble())
            : null;
    }
}

/// <summary>One child run of the suite: each scenario's xUnit result, how long the run took and how long its environment took to start.</summary>
public sealed record SuiteRunResult(IReadOnlyDictionary<string, string> Results, TimeSpan Total, TimeSpan? EnvironmentStart)
{
    public override string ToString() =>
        $"{Total.TotalSeconds:0.0} s in all, environment start {(EnvironmentStart is { } start ? $"{start.TotalSeconds:0.0} s" : "unknown")}";
}
