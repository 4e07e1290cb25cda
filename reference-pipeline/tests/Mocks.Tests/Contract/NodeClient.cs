using System.Text.Json;
using Pipeline.TestKit;

namespace Mocks.Tests.Contract;

/// <summary>
/// Runs one script of <c>reference-pipeline/contract/node</c> (the official npm clients, installed by
/// <c>scripts/setup.sh</c> with <c>npm ci</c>) and reads the one JSON line it prints.
/// </summary>
public static class NodeClient
{
    public static string ProjectDirectory { get; } = FindProject();

    public static async Task<JsonElement> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (FindOnPath("node") is null) Assert.Skip("node is not installed on this machine (scripts/setup.sh installs it)");
        if (!Directory.Exists(Path.Combine(ProjectDirectory, "node_modules")))
            throw new InvalidOperationException($"{ProjectDirectory}/node_modules is missing: run scripts/setup.sh (npm ci) first.");

        var run = await ProcessRun.RunAsync("node", [script, .. arguments], TimeSpan.FromMinutes(3), environment, ProjectDirectory,
            TestContext.Current.CancellationToken);
        var output = run.Output.Trim();
        if (run.ExitCode != 0 || output.Length == 0)
            throw new InvalidOperationException($"node {script} exited {run.ExitCode}; stderr: {run.Errors}");
        return JsonDocument.Parse(output.Split('\n')[^1]).RootElement.Clone();
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, command)).FirstOrDefault(File.Exists);

    private static string FindProject()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "reference-pipeline", "contract", "node");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("reference-pipeline/contract/node not found above " + AppContext.BaseDirectory);
    }
}
