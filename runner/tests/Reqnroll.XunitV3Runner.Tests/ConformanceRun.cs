using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Xunit;

[assembly: AssemblyFixture(typeof(Reqnroll.XunitV3Runner.Tests.ConformanceRun))]

namespace Reqnroll.XunitV3Runner.Tests;

/// <summary>
/// Runs the conformance suite once, as a separate process exactly as CI would run a Reqnroll
/// test assembly, and keeps what it produced: xUnit's results, the Cucumber message stream,
/// the HTML report and the journal of hooks.
/// </summary>
public sealed class ConformanceRun : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    public string Folder { get; } = Directory.CreateTempSubdirectory("runner-conformance-").FullName;
    public string ReportsFolder => Path.Combine(Folder, "reports");
    public int ExitCode { get; private set; }
    public XunitResults Results { get; private set; } = null!;
    public MessageStream Messages { get; private set; } = null!;
    public IReadOnlyList<string> Journal { get; private set; } = [];
    public IReadOnlyList<ListedTest> Discovered { get; private set; } = [];

    public static string AssemblyPath => typeof(ConformanceRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConformanceAssembly").Value!;

    public async ValueTask InitializeAsync()
    {
        var resultsFile = Path.Combine(Folder, "results.xml");
        var journalFile = Path.Combine(Folder, "journal.txt");
        var run = await RunAsync(["-noColor", "-noLogo", "-xml", resultsFile], new()
        {
            ["REQNROLL_REPORTS_DIR"] = ReportsFolder,
            ["CONFORMANCE_JOURNAL"] = journalFile,
        });
        ExitCode = run.ExitCode;
        Results = XunitResults.Load(resultsFile);
        Messages = MessageStream.Load(Path.Combine(ReportsFolder, "cucumber-messages.ndjson"));
        Journal = File.ReadAllLines(journalFile);
        Discovered = await ListAsync();
    }

    /// <summary>Discovery only, as an IDE or `dotnet test --list-tests` would ask for it.</summary>
    public static async Task<IReadOnlyList<ListedTest>> ListAsync()
    {
        var run = await RunAsync(["-list", "full/json", "-noColor"], []);
        return JsonSerializer.Deserialize<List<ListedTest>>(run.Output.Trim())!;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The conformance suite did not finish within {RunTimeout}. Output so far:\n{await output}");
        }
        var errorText = await errors;
        return (process.ExitCode, errorText.Length == 0 ? await output : $"{await output}\n{errorText}");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed record ListedTest(string DisplayName, string ID, Dictionary<string, string[]> Traits);
