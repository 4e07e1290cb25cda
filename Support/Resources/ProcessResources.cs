using System.Globalization;

namespace Acceptance.Support.Resources;

/// <summary>
/// One reading of a process's resources. <paramref name="LiveHeapMiB"/>: the managed objects alive after its
/// most recent full collection, when the service exports it (optional; null otherwise or before the first).
/// </summary>
public sealed record ProcessReading(double ResidentMiB, int Threads, int OpenFiles, double CpuSeconds, double? LiveHeapMiB = null);

/// <summary>
/// Reads a local process's resources from /proc (Linux): resident memory and threads from
/// <c>status</c>, open files from <c>fd/</c>, CPU time (user + system) from <c>stat</c>.
/// </summary>
public static class ProcessResources
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the suite runs on

    /// <summary>The reading, or null when the process is gone (stopped or restarted between samples).</summary>
    public static ProcessReading? Read(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status");
            var residentKiB = Field(status, "VmRSS:");
            var threads = (int)Field(status, "Threads:");
            var openFiles = Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
            // Fields after the command name (which may hold spaces) are counted from its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpuTicks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcessReading(residentKiB / 1024.0, threads, openFiles, cpuTicks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static double Field(string[] status, string name) =>
        double.Parse(status.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
