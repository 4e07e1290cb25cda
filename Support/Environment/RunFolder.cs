namespace Acceptance.Support.Environment;

/// <summary>This run's report folder: the living documentation, service logs and evidence files.</summary>
public sealed class RunFolder
{
    public RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Logs);
        Directory.CreateDirectory(Evidence);
    }

    public string Path { get; }
    public string Logs => System.IO.Path.Combine(Path, "logs");
    public string Evidence => System.IO.Path.Combine(Path, "evidence");

    /// <summary>The folder the runner points Reqnroll's formatters at (REQNROLL_REPORTS_DIR), so all outputs of a run stay together.</summary>
    public static RunFolder FromEnvironment() =>
        new(System.Environment.GetEnvironmentVariable("REQNROLL_REPORTS_DIR") is { Length: > 0 } reports
            ? reports
            : System.IO.Path.Combine(AppContext.BaseDirectory, "reports"));
}
