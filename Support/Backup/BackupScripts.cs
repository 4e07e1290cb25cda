using Acceptance.Support.Environment;
using Pipeline.TestKit;

namespace Acceptance.Support.Backup;

/// <summary>Runs the operator's scripts (scripts/backup.sh, scripts/restore.sh) exactly as the runbooks in docs/operations.md show them.</summary>
public static class BackupScripts
{
    public static async Task<string> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await ProcessRun.RunAsync("bash", [RepositoryFiles.PathOf($"scripts/{script}"), .. arguments], timeout, environment);
        return result.ThrowIfFailed().AllOutput;
    }
}
