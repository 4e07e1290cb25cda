using System.Runtime.InteropServices;

namespace Pipeline.TestKit.Internal;

/// <summary>The two libc calls .NET does not expose: arbitrary signals and the effective user id.</summary>
internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    private const int NoSuchProcess = 3; // ESRCH

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool SendSignal(int pid, int signal)
    {
        if (Kill(pid, signal) == 0) return true;
        var error = Marshal.GetLastPInvokeError();
        if (error == NoSuchProcess) return false;
        throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {error}.");
    }

    /// <summary>Signal 0 probes for existence without disturbing the process.</summary>
    public static bool ProcessExists(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;
}
