using Acceptance.Support.Environment;

namespace Acceptance.Support.Monitoring;

/// <summary>The operators' runbooks an alert points to, read from this repository as the alert names them.</summary>
public static class Runbooks
{
    /// <summary>The runbook's text; a runbook the alert names but the repository lacks fails with its path.</summary>
    public static string TextOf(string runbookUrl) => File.ReadAllText(RepositoryFiles.PathOf(runbookUrl));
}
