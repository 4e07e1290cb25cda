using System.Reflection;
using Acceptance.Gate.Running;

namespace Acceptance.Gate.Tests;

/// <summary>Where the repository is, and what this machine's processes are doing, for the tests that run its scripts.</summary>
internal static class TestMachine
{
    /// <summary>The checkout the tests were built from (written into the assembly by the project file).</summary>
    public static readonly string RepositoryRoot = typeof(GateRun).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>A process that still runs (a zombie waiting for its parent has exited).</summary>
    public static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");
}
