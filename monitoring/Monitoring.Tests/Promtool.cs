using System.Diagnostics;
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
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("promtool did not start; run scripts/setup.sh (Debian package prometheus).");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
