using System.Diagnostics;
using Acceptance.Gate.Cli;

namespace Acceptance.Gate.Running;

/// <summary>
/// What the gate asks the suite before any scenario, so a wrong setting or a pipeline that breaks the contract
/// stops the run with one message instead of failing every scenario: the suite's settings always, and for a target
/// the suite does not build itself (external, compose) or on --check-contract, the contract probe
/// (Support/ContractProbe; its table goes to the console and contract-probe.md).
/// </summary>
public static class ContractPreflight
{
    public static string Command(GateOptions options) =>
        options.CheckContract || options.Target is "external" or "compose" ? "--check-contract" : "--check-settings";

    /// <summary>Runs the suite's check and relays its words; the exit code is the gate's (0 go on, 2 the target did not start, 3 bad configuration).</summary>
    public static async Task<int> RunAsync(string suiteAssembly, GateOptions options, string runFolder, TextWriter output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(suiteAssembly);
        start.ArgumentList.Add(Command(options));
        foreach (var (name, value) in SuiteLaunch.Environment(options, runFolder))
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet'.");
        var errors = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
            output.WriteLine(line);
        await process.WaitForExitAsync();
        var errorText = await errors;
        if (errorText.Length > 0)
            await File.WriteAllTextAsync(Path.Combine(runFolder, "preflight-stderr.txt"), errorText);
        return process.ExitCode;
    }
}
