using Pipeline.TestKit;
using System.Reflection;

namespace Monitoring.Tests;

/// <summary>Runs Debian's <c>promtool</c> (installed by scripts/setup.sh) and returns its exit code and output.</summary>
internal static class Promtool
{
    public static string MonitoringFolder { get; } = Path.GetFullPath(typeof(Promtool).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MonitoringFolder").Value!);

    public static string RulesFile => Path.Combine(MonitoringFolder, "alerts.yml");

    public static IReadOnlyList<string> TestFiles(string folder) =>
        Directory.GetFiles(Path.Combine(folder, "tests"), "*.yml").Order().ToList();

    public static async Task<(int ExitCode, string Output)> RunAsync(params IEnumerable<string> arguments)
    {
        try
        {
            var run = await ProcessRun.RunAsync("promtool", arguments, TimeSpan.FromMinutes(1));
            return (run.ExitCode, run.AllOutput);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("promtool did not start; run scripts/setup.sh (Debian package prometheus).", e);
        }
    }
}
