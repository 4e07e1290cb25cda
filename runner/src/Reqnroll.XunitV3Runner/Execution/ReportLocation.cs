using System.Reflection;
using Reqnroll.XunitV3Runner.Discovery;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>
/// Puts the reports of the formatters reqnroll.json enables into one folder per run:
/// <c>REQNROLL_REPORTS_DIR</c> when set, otherwise <c>reports/</c> beside the test project. File
/// names come from reqnroll.json; a formatter configured through Reqnroll's own
/// <c>REQNROLL_FORMATTERS_*</c> variables is left alone, and none is switched on that the project
/// did not ask for (the formatters cost about half of a large run's CPU time).
/// </summary>
internal static class ReportLocation
{
    public const string ReportsDirVariable = "REQNROLL_REPORTS_DIR";

    public static void Apply(Assembly testAssembly)
    {
        var directory = Path.GetFullPath(System.Environment.GetEnvironmentVariable(ReportsDirVariable) ?? DefaultDirectory(testAssembly));
        Directory.CreateDirectory(directory);
        // Bindings that write their own evidence find the same folder here.
        System.Environment.SetEnvironmentVariable(ReportsDirVariable, directory);

        foreach (var (formatter, configuredPath) in RunnerSettings.Load().Formatters)
        {
            var fileName = Path.GetFileName(configuredPath) is { Length: > 0 } name ? name : $"reqnroll-{formatter}.out";
            SetUnlessPresent($"REQNROLL_FORMATTERS_{formatter.ToUpperInvariant()}", $"outputFilePath={Path.Combine(directory, fileName)}");
        }
    }

    private static string DefaultDirectory(Assembly testAssembly)
    {
        var projectDirectory = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ReqnrollRunner.ProjectDirectory")?.Value;
        return Path.Combine(projectDirectory ?? AppContext.BaseDirectory, "reports");
    }

    private static void SetUnlessPresent(string variable, string value)
    {
        if (string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable(variable)))
            System.Environment.SetEnvironmentVariable(variable, value);
    }
}
