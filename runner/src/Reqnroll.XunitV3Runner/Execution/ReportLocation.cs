using System.Reflection;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>
/// Points Reqnroll's html and message formatters at one reports folder: <c>REQNROLL_REPORTS_DIR</c>
/// when set, otherwise <c>reports/</c> beside the test project. A formatter the user configured
/// through Reqnroll's own environment variables is left alone.
/// </summary>
internal static class ReportLocation
{
    public const string ReportsDirVariable = "REQNROLL_REPORTS_DIR";
    public const string HtmlFileName = "living-documentation.html";
    public const string MessagesFileName = "cucumber-messages.ndjson";

    public static void Apply(Assembly testAssembly)
    {
        var directory = Path.GetFullPath(Environment.GetEnvironmentVariable(ReportsDirVariable) ?? DefaultDirectory(testAssembly));
        Directory.CreateDirectory(directory);
        SetUnlessPresent("REQNROLL_FORMATTERS_HTML", $"outputFilePath={Path.Combine(directory, HtmlFileName)}");
        SetUnlessPresent("REQNROLL_FORMATTERS_MESSAGE", $"outputFilePath={Path.Combine(directory, MessagesFileName)}");
    }

    private static string DefaultDirectory(Assembly testAssembly)
    {
        var projectDirectory = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ReqnrollRunner.ProjectDirectory")?.Value;
        return Path.Combine(projectDirectory ?? AppContext.BaseDirectory, "reports");
    }

    private static void SetUnlessPresent(string variable, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            Environment.SetEnvironmentVariable(variable, value);
    }
}
