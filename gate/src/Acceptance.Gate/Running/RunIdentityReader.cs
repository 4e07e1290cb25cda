using System.Diagnostics;

namespace Acceptance.Gate.Running;

/// <summary>Which commit and branch are being judged: from CI's variables when present, else from git.</summary>
public static class RunIdentityReader
{
    public static (string Commit, string Branch) Read(string repositoryRoot) =>
        (Environment.GetEnvironmentVariable("GITHUB_SHA") ?? Git(repositoryRoot, "rev-parse HEAD") ?? "unknown",
         Environment.GetEnvironmentVariable("GITHUB_REF_NAME") ?? Git(repositoryRoot, "rev-parse --abbrev-ref HEAD") ?? "unknown");

    private static string? Git(string repositoryRoot, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
