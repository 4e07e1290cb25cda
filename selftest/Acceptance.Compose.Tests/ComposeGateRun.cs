using System.Reflection;
using System.Text.Json;
using Pipeline.TestKit;

namespace Acceptance.Compose.Tests;

/// <summary>
/// Runs the gate itself (Acceptance.Gate.dll, as scripts/gate.sh does after setup) against the compose target with
/// the given compose files and settings, in a fresh report folder, and reads the verdict it wrote.
/// </summary>
public static class ComposeGateRun
{
    // A guard against a hung run (two compose starts and the selected scenarios), not a speed limit.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(45);

    private static string GateAssembly => typeof(ComposeGateRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GateAssembly").Value!;

    public static async Task<GateRunResult> RunAsync(IEnumerable<string> composeFiles, IEnumerable<string> tags, IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("compose-gate-").FullName;
        string[] arguments = [GateAssembly, "--target", "compose", .. composeFiles.SelectMany(f => new[] { "--compose-file", f }),
            "--tags", string.Join(',', tags), "--reports", folder];
        var environment = new Dictionary<string, string>(await ComposeImages.ReadyAsync());
        foreach (var (name, value) in settings) environment[name] = value;
        var run = await ProcessRun.RunAsync("dotnet", arguments, Timeout, environment, workingDirectory: ComposeImages.RepositoryRoot);
        var readiness = Path.Combine(folder, "readiness.json");
        return new GateRunResult(run.ExitCode, File.Exists(readiness) ? CriterionVerdicts(readiness) : new Dictionary<string, string>(),
            $"{run.Output}\n{run.Errors}", folder, run.Took);
    }

    private static Dictionary<string, string> CriterionVerdicts(string readinessJson)
    {
        using var readiness = JsonDocument.Parse(File.ReadAllText(readinessJson));
        return readiness.RootElement.GetProperty("criteria").EnumerateArray().ToDictionary(
            c => c.GetProperty("criterion").GetProperty("id").GetString()!, c => c.GetProperty("verdict").GetString()!);
    }
}

/// <summary>The gate's exit code, each criterion's verdict in readiness.json (none when it wrote no report), its console output, report folder and duration.</summary>
public sealed record GateRunResult(int ExitCode, IReadOnlyDictionary<string, string> Verdicts, string Output, string Folder, TimeSpan Took)
{
    public override string ToString() =>
        $"exit {ExitCode} after {Took.TotalSeconds:0} s; verdicts: {string.Join(", ", Verdicts.Select(v => $"{v.Key} = {v.Value}"))}\nreports: {Folder}\n{Output}";
}
