using System.Diagnostics;
using System.Text.Json;

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

        var start = new ProcessStartInfo("node") { WorkingDirectory = ProjectDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within 3 minutes; stderr: {await stderr}");
        }

        var output = (await stdout).Trim();
        if (process.ExitCode != 0 || output.Length == 0)
            throw new InvalidOperationException($"node {script} exited {process.ExitCode}; stderr: {await stderr}");
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
