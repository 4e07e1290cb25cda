using System.Reflection;
using System.Xml.Linq;
using Pipeline.TestKit;

namespace Acceptance.Selftest;

/// <summary>
/// Runs selected scenarios of the acceptance suite in a child process (the selftests' one way to do
/// it): each scenario whose display name contains one of the given names, with extra environment
/// variables, bounded by a timeout that guards against a hung run, not a speed limit.
/// </summary>
public static class ChildSuiteRun
{
    /// <summary>The suite's Acceptance.dll, recorded by the test project's AcceptanceSuite metadata.</summary>
    public static string SuiteAssembly => Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AcceptanceSuite").Value!;

    /// <summary>
    /// Runs the scenarios in a fresh report folder (kept: the caller decides) and returns what the
    /// child left there. Results are empty when it wrote none; the output then says why.
    /// </summary>
    public static async Task<ChildRun> RunAsync(string folderPrefix, IEnumerable<string> scenarios,
        IEnumerable<KeyValuePair<string, string>> environment, TimeSpan timeout)
    {
        var folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        string[] arguments = [SuiteAssembly, "-noColor", "-noLogo", "-xml", Path.Combine(folder, "results.xml"),
            .. scenarios.SelectMany(scenario => new[] { "-displayName", $"*{scenario}*" })];
        Dictionary<string, string> childEnvironment = new()
        {
            ["REQNROLL_REPORTS_DIR"] = Path.Combine(folder, "reports"),
            ["REQNROLL_FORMATTERS_DISABLED"] = "true",
        };
        foreach (var (name, value) in environment) childEnvironment[name] = value;

        ProcessResult run;
        try
        {
            run = await ProcessRun.RunAsync("dotnet", arguments, timeout, childEnvironment);
        }
        catch (ProcessTimeoutException e)
        {
            throw new TimeoutException($"The suite did not finish within {timeout} (reports: {folder}).\n{e.Output}", e);
        }
        var results = Path.Combine(folder, "results.xml");
        var environmentJson = Path.Combine(folder, "reports", "environment.json");
        return new ChildRun(
            File.Exists(results)
                ? XDocument.Load(results).Descendants("test").ToDictionary(t => (string)t.Attribute("name")!, t => (string)t.Attribute("result")!)
                : new Dictionary<string, string>(),
            File.Exists(environmentJson) ? await File.ReadAllTextAsync(environmentJson) : null,
            $"{run.Output}\n{run.Errors}", folder, run.ExitCode, run.Took);
    }

    /// <summary>The display name of every scenario, as the suite's own discovery lists them (no environment starts).</summary>
    public static async Task<IReadOnlyList<string>> ScenarioNamesAsync()
    {
        // Discovery only lists names; the timeout guards against a hung child, not a slow one.
        var names = (await ProcessRun.RunAsync("dotnet", [SuiteAssembly, "-noColor", "-noLogo", "-list", "tests"], TimeSpan.FromMinutes(5))).Output;
        return names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" › ", StringComparison.Ordinal)).ToList();
    }
}

/// <summary>What one child run left: each scenario's xUnit result, its environment.json (null when none), its console output, report folder, exit code and duration.</summary>
public sealed record ChildRun(IReadOnlyDictionary<string, string> Results, string? EnvironmentJson, string Output, string Folder,
    int ExitCode, TimeSpan Took);
