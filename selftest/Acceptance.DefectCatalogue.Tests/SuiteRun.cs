using System.Text.Json;
using Acceptance.Selftest;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>Runs selected scenarios of the acceptance suite in a child process, on a fresh local environment with a defect on.</summary>
public static class SuiteRun
{
    // A guard against a hung child run on a starved machine, not a speed limit.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs the scenarios whose names contain any of <paramref name="scenarios"/>, with where the time went.</summary>
    public static async Task<SuiteRunResult> RunTimedAsync(IEnumerable<string> scenarios, string? defects)
    {
        // A defect must be caught within the limits its guard states: no stretching for a starved machine here,
        // or a guard that fails by timing out would wait up to twenty times its limit. (The acceptance suite runs
        // every guard defect-free in the same test command, with stretching, to show it passes.)
        var run = await ChildSuiteRun.RunAsync("defect-catalogue-", scenarios,
            [new("ACCEPTANCE__LOCAL__DEFECTS", defects ?? ""), new("ACCEPTANCE__TIMEOUTS__MAXSTARVATIONSTRETCH", "1")], Timeout);
        try
        {
            if (!File.Exists(Path.Combine(run.Folder, "results.xml")))
                throw new InvalidOperationException($"The suite wrote no results (exit {run.ExitCode}).\n{run.Output}");
            return new SuiteRunResult(run.Results, run.Took, EnvironmentStart(run.EnvironmentJson));
        }
        finally
        {
            Directory.Delete(run.Folder, recursive: true);
        }
    }

    /// <summary>The environment's start time as the suite recorded it (environment.json), when it did.</summary>
    private static TimeSpan? EnvironmentStart(string? environmentJson)
    {
        if (environmentJson is null) return null;
        using var json = JsonDocument.Parse(environmentJson);
        return json.RootElement.TryGetProperty("startupSeconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number
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
