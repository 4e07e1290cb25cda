using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;

namespace Acceptance.Support.ContractProbe;

/// <summary>
/// The suite's own commands that run before any scenario (the gate calls them first):
/// <c>--check-settings</c> validates the settings; <c>--check-contract</c> also reaches the target (starting it
/// for local and compose), probes it against the contract, prints the table, writes contract-probe.md to the run
/// folder and stops what it started. Exit codes are the gate's: 0 fine, 2 the target could not start, 3 bad configuration.
/// </summary>
public static class ContractProbeCommand
{
    public const string CheckSettings = "--check-settings";
    public const string CheckContract = "--check-contract";
    public const string ReportFile = "contract-probe.md";

    private const int Fine = 0, EnvironmentFailed = 2, BadConfiguration = 3;

    public static bool Handles(string[] args) => args is [CheckSettings] or [CheckContract];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        SuiteOptions options;
        try
        {
            options = SuiteOptionsLoader.Load();
        }
        catch (InvalidSuiteConfigurationException e)
        {
            output.WriteLine($"bad configuration: {e.Message}");
            return BadConfiguration;
        }
        if (args is [CheckSettings])
            return Fine;

        var runFolder = RunFolder.FromEnvironment();
        IPipelineEnvironment environment;
        try
        {
            environment = await PipelineTargets.StartAsync(options, runFolder.Logs);
        }
        catch (InvalidSuiteConfigurationException e)
        {
            output.WriteLine($"bad configuration: {e.Message}");
            return BadConfiguration;
        }
        catch (Exception e)
        {
            output.WriteLine($"The {options.Target} environment could not start for the contract probe: {e.Message}");
            return EnvironmentFailed;
        }
        await using (environment)
        {
            ProbeReport report;
            try
            {
                report = await PipelineContractProbe.RunAsync(environment);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
            {
                output.WriteLine($"The contract probe could not reach the {options.Target} target: {e.Message}");
                return EnvironmentFailed;
            }
            output.Write(ProbeTable.Text(report));
            output.WriteLine(ProbeTable.Verdict(report));
            await File.WriteAllTextAsync(Path.Combine(runFolder.Path, ReportFile), $"{ProbeTable.Markdown(report)}\n{ProbeTable.Verdict(report)}\n");
            return report.Passes ? Fine : BadConfiguration;
        }
    }
}
