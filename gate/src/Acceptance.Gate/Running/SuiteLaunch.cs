using System.Diagnostics;
using System.Globalization;
using Acceptance.Gate.Cli;

namespace Acceptance.Gate.Running;

/// <summary>
/// Runs the acceptance suite's test assembly as a child process with the gate's selection and
/// knobs, streaming xUnit's JSON progress messages to a <see cref="ProgressPrinter"/>.
/// </summary>
public static class SuiteLaunch
{
    public const string ResultsXml = "results.xml";
    public const string ResultsJunit = "results.junit.xml";
    public const string ResultsTrx = "results.trx";

    public static async Task<int> RunAsync(string suiteAssembly, GateOptions options, string runFolder, ProgressPrinter progress)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in Arguments(suiteAssembly, options, runFolder))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in Environment(options, runFolder))
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet'.");
        using var stop = SuiteStop.WhileRunning(process);
        var errors = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
            progress.Observe(line);
        await process.WaitForExitAsync();
        var errorText = await errors;
        if (errorText.Length > 0)
            await File.WriteAllTextAsync(Path.Combine(runFolder, "suite-stderr.txt"), errorText);
        stop.ThrowIfStopped();
        return process.ExitCode;
    }

    public static IEnumerable<string> Arguments(string suiteAssembly, GateOptions options, string runFolder)
    {
        yield return suiteAssembly;
        foreach (var switchName in new[] { "-noColor", "-noLogo", "-noAutoReporters", "-reporter", "json" })
            yield return switchName;
        foreach (var tag in options.Tags)
        {
            yield return "-trait";
            yield return $"Category={tag}";
        }
        foreach (var tag in options.ExcludedTags)
        {
            yield return "-trait-";
            yield return $"Category={tag}";
        }
        foreach (var feature in options.ExcludedFeatures)
        {
            yield return "-trait-";
            yield return $"FeatureTitle={feature}";
        }
        yield return "-result-xml";
        yield return Path.Combine(runFolder, ResultsXml);
        yield return "-result-junit";
        yield return Path.Combine(runFolder, ResultsJunit);
        yield return "-result-trx";
        yield return Path.Combine(runFolder, ResultsTrx);
    }

    /// <summary>The gate's knobs as the suite's ACCEPTANCE__* settings.</summary>
    public static Dictionary<string, string> Environment(GateOptions options, string runFolder)
    {
        var environment = new Dictionary<string, string>
        {
            ["REQNROLL_REPORTS_DIR"] = runFolder,
            ["ACCEPTANCE__TARGET"] = options.Target,
        };
        for (var i = 0; i < options.ComposeFiles.Count; i++)
            environment[$"ACCEPTANCE__COMPOSE__FILES__{i}"] = Path.GetFullPath(options.ComposeFiles[i]);
        if (options.Documents is { } documents)
            environment["ACCEPTANCE__WORKLOAD__DOCUMENTS"] = documents.ToString(CultureInfo.InvariantCulture);
        if (options.Concurrency is { } concurrency)
            environment["ACCEPTANCE__WORKLOAD__CONCURRENCY"] = concurrency.ToString(CultureInfo.InvariantCulture);
        if (options.BudgetUsd is { } budget)
            environment["ACCEPTANCE__REALAPI__BUDGETUSD"] = budget.ToString(CultureInfo.InvariantCulture);
        if (options.RealApis)
            environment["ACCEPTANCE__REALAPI__ENABLED"] = "true";
        if (options.RealApis && options.Rehearse)
            environment["ACCEPTANCE__REALAPI__REHEARSE"] = "true";
        if (options.LlamaParseKeyFile is { } llamaParseKeyFile)
            environment["ACCEPTANCE__REALAPI__LLAMAPARSEKEYFILE"] = Path.GetFullPath(llamaParseKeyFile);
        if (options.OpenAiKeyFile is { } openAiKeyFile)
            environment["ACCEPTANCE__REALAPI__OPENAIKEYFILE"] = Path.GetFullPath(openAiKeyFile);
        return environment;
    }
}
